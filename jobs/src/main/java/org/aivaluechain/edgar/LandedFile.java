package org.aivaluechain.edgar;

import java.time.Instant;

/**
 * What the landing folder knows about a file as downloaded, kept in a sidecar next to it.
 *
 * @param url          where it was fetched from
 * @param retrievedAt  when this content was downloaded
 * @param checkedAt    when the server last confirmed it (a 304, or the download itself)
 * @param etag         the server's ETag, or null; sent back as If-None-Match
 * @param lastModified the server's Last-Modified, or null; sent back as If-Modified-Since
 * @param sha256       hex digest of the content as landed (after gzip decoding)
 * @param bytes        size of the content as landed
 */
public record LandedFile(String url, Instant retrievedAt, Instant checkedAt, String etag, String lastModified,
                         String sha256, long bytes) {

    LandedFile checked(Instant at) {
        return new LandedFile(url, retrievedAt, at, etag, lastModified, sha256, bytes);
    }
}
