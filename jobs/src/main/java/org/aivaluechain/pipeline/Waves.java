package org.aivaluechain.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order a run writes its tables in, derived from what each step reads: wave 1 holds the tables that read
 * nothing written in this run, wave n+1 those whose inputs are all written by wave n. Tables of one wave are
 * written concurrently, then read back for the next. An intermediate belongs to no wave: it is computed when a
 * table needs it, from tables of earlier waves.
 */
final class Waves {

    private Waves() {
    }

    /** The waves' table names, in registry order within a wave. Fails on a cycle or an unknown input. */
    static List<List<String>> of(List<Step> steps, List<String> external) {
        Map<String, Step> byName = steps.stream().collect(Collectors.toMap(Step::name, s -> s));
        Map<String, Integer> depth = new HashMap<>();
        int waves = 0;
        for (Step s : steps) {
            waves = Math.max(waves, depth(s.name(), byName, external, depth, new ArrayList<>()));
        }
        List<List<String>> out = new ArrayList<>();
        for (int w = 1; w <= waves; w++) {
            int wave = w;
            out.add(steps.stream().filter(s -> s.written() && depth.get(s.name()) == wave).map(Step::name).toList());
        }
        return out;
    }

    /** A table's wave; for an intermediate, the wave of its latest input (it is computed within the next). */
    private static int depth(String name, Map<String, Step> steps, List<String> external, Map<String, Integer> memo,
                             List<String> path) {
        if (memo.containsKey(name)) {
            return memo.get(name);
        }
        if (path.contains(name)) {
            throw new IllegalStateException("the run's steps read each other in a cycle: " + path + " -> " + name);
        }
        Step step = steps.get(name);
        if (step == null) {
            throw new IllegalStateException("a step reads " + name + ", which no step writes and no command ingests");
        }
        path.add(name);
        int inputs = 0;
        for (String read : step.reads()) {
            if (!external.contains(read)) {
                inputs = Math.max(inputs, depth(read, steps, external, memo, path));
            }
        }
        path.remove(name);
        int d = step.written() ? inputs + 1 : inputs;
        memo.put(name, d);
        return d;
    }
}
