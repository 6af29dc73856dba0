package io.dense4j.data.csv;

/**
 * A part of a file read on its own ended inside a quoted field: the part was cut inside a row
 * whose field holds line ends, so the file is to be read again from that part's start, on one
 * thread. Not an error of the file.
 */
public final class PartEndsInsideAQuotedField extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PartEndsInsideAQuotedField() {
        super("a part of the file ends inside a quoted field", null, false, false);
    }
}
