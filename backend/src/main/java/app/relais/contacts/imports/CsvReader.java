package app.relais.contacts.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: quoted fields, "" escapes, CR, LF or CRLF line ends, newlines inside
 * quotes. Memory is bounded by the longest record (a field may not exceed {@code maxFieldChars}, a
 * record may not have more than {@code maxColumns} cells). Broken input raises {@link CsvException}
 * with the physical line where the problem starts.
 */
public final class CsvReader implements Closeable {

    /** A file that is not a readable CSV; {@code code} is a stable reason ("unclosed_quote"…). */
    public static final class CsvException extends RuntimeException {
        private final String code;
        private final int line;

        public CsvException(String code, int line) {
            super(code + " at line " + line, null, false, false);
            this.code = code;
            this.line = line;
        }

        public String code() {
            return code;
        }

        public int line() {
            return line;
        }
    }

    public static final String UNCLOSED_QUOTE = "unclosed_quote";
    public static final String TOO_MANY_COLUMNS = "too_many_columns";
    public static final String FIELD_TOO_LONG = "field_too_long";
    public static final String NUL_BYTE = "nul_byte";

    private final Reader in;
    private final char separator;
    private final int maxColumns;
    private final int maxFieldChars;
    private final char[] buf = new char[65536];
    private int pos;
    private int len;
    private boolean eof;
    /** Physical line of the next character (1-based). */
    private int line = 1;
    /** Physical line where the last returned record started. */
    private int recordLine;
    private final StringBuilder field = new StringBuilder(64);

    public CsvReader(Reader in, char separator, int maxColumns, int maxFieldChars) {
        this.in = in;
        this.separator = separator;
        this.maxColumns = maxColumns;
        this.maxFieldChars = maxFieldChars;
    }

    /** Line (1-based) where the last record returned by {@link #next()} started. */
    public int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (pos >= len) {
            if (eof) {
                return -1;
            }
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                eof = true;
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c >= 0) {
            pos--;
        }
        return c;
    }

    /**
     * The next record's cells, or null at the end of the input. An empty line gives a list with one
     * empty cell.
     */
    public List<String> next() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        recordLine = line;
        List<String> cells = new ArrayList<>();
        field.setLength(0);
        boolean quoted = false;
        boolean afterQuote = false;
        int quoteLine = line;
        while (true) {
            if (c < 0) {
                if (quoted) {
                    throw new CsvException(UNCLOSED_QUOTE, quoteLine);
                }
                addCell(cells);
                return cells;
            }
            if (c == 0) {
                throw new CsvException(NUL_BYTE, line);
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    if (field.length() >= maxFieldChars) {
                        // A quoted "cell" this long is a quote that never closes.
                        throw new CsvException(UNCLOSED_QUOTE, quoteLine);
                    }
                    field.append((char) c);
                }
            } else if (c == separator) {
                addCell(cells);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                addCell(cells);
                return cells;
            } else if (c == '"' && field.length() == 0 && !afterQuote) {
                quoted = true;
                quoteLine = line;
            } else {
                // Text after a closing quote or a quote inside an unquoted field: kept as written.
                append((char) c);
            }
            c = read();
        }
    }

    private void append(char c) {
        if (field.length() >= maxFieldChars) {
            throw new CsvException(FIELD_TOO_LONG, line);
        }
        field.append(c);
    }

    private void addCell(List<String> cells) {
        if (cells.size() >= maxColumns) {
            throw new CsvException(TOO_MANY_COLUMNS, recordLine);
        }
        cells.add(field.toString());
        field.setLength(0);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
