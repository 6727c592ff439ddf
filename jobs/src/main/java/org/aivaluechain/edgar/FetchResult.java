package org.aivaluechain.edgar;

/**
 * How fetching one file ended.
 *
 * @param file     the file
 * @param outcome  see {@link Outcome}
 * @param detail   for a failure, why (the last attempt's status or error); else empty
 * @param bytes    bytes downloaded for it, all attempts
 * @param attempts requests made for it
 */
public record FetchResult(EdgarFile file, Outcome outcome, String detail, long bytes, int attempts) {

    public enum Outcome {
        /** new or changed content landed */
        FETCHED,
        /** the server answered 304, or sent the content already landed */
        NOT_MODIFIED,
        /** 404 or 410: EDGAR has no such file (a filer without XBRL financial data, a quarter not yet published) */
        NOT_FOUND,
        /** no valid content after every retry, or an error not worth retrying (403, 400); nothing landed */
        FAILED
    }
}
