package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacking FSDS quarter zips, the first measured step of both peers of bench/scale.sh (DuckFsds here, and
 * bench/spark-floor/SparkFloor.java, which scale.sh compiles together with this file): each zip's sub.txt and
 * num.txt go to WORK_DIR/&lt;zip name without .zip&gt;/.
 */
public final class FsdsZips {

    private FsdsZips() {
    }

    /** The folders the zips were unpacked to, in the order given; each holds num.txt and sub.txt. */
    public static List<Path> unpack(Path work, List<String> zips) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String name : zips) {
            Path zip = Path.of(name);
            Path dir = work.resolve(zip.getFileName().toString().replaceAll("\\.zip$", ""));
            Files.createDirectories(dir);
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    String file = Path.of(e.getName()).getFileName().toString();
                    if (file.equals("num.txt") || file.equals("sub.txt")) {
                        Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            dirs.add(dir);
        }
        return dirs;
    }

    /** The given file of each folder, as paths a SQL engine reads. */
    public static List<String> files(List<Path> dirs, String file) {
        return dirs.stream().map(d -> d.resolve(file).toString()).toList();
    }
}
