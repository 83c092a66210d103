package app.relais.contacts.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a user's file is made of: its encoding (a BOM means UTF-8; bytes that are valid UTF-8 mean
 * UTF-8; anything else is read as Windows-1252, Excel's French default) and its separator (the most
 * frequent of ; , and tab outside quotes on the header line). Files with NUL bytes or mostly control
 * characters are refused as binary.
 */
public record CsvFormat(Charset charset, boolean bom, char separator) {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A file that is not text. */
    public static final class BinaryFileException extends RuntimeException {
        private final int line;

        BinaryFileException(int line) {
            super("binary content at line " + line, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    public String encodingName() {
        return charset.equals(StandardCharsets.UTF_8) ? (bom ? "UTF-8 (BOM)" : "UTF-8") : "Windows-1252";
    }

    public String separatorName() {
        return separator == '\t' ? "tab" : String.valueOf(separator);
    }

    /** Reads the file once: BOM, UTF-8 validity, NUL bytes and control characters; then the header line. */
    public static CsvFormat detect(Path file) throws IOException {
        boolean bom;
        boolean utf8 = true;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65536)) {
            byte[] head = in.readNBytes(3);
            bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            byte[] buf = new byte[65536];
            int line = 1;
            int controls = 0;
            long seen = 0;
            int pending = 0; // UTF-8 continuation bytes still expected
            int n;
            boolean first = true;
            while (true) {
                if (first) {
                    System.arraycopy(bom ? new byte[0] : head, 0, buf, 0, bom ? 0 : head.length);
                    n = bom ? 0 : head.length;
                    first = false;
                } else {
                    n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                }
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    seen++;
                    if (b == '\n') {
                        line++;
                    } else if (b == 0) {
                        throw new BinaryFileException(line);
                    } else if (b < 0x20 && b != '\t' && b != '\r' && b != 0x0C) {
                        controls++;
                    }
                    if (utf8) {
                        if (pending > 0) {
                            if ((b & 0xC0) != 0x80) {
                                utf8 = false;
                            }
                            pending--;
                        } else if (b >= 0x80) {
                            if (b >= 0xC2 && b <= 0xDF) {
                                pending = 1;
                            } else if (b >= 0xE0 && b <= 0xEF) {
                                pending = 2;
                            } else if (b >= 0xF0 && b <= 0xF4) {
                                pending = 3;
                            } else {
                                utf8 = false;
                            }
                        }
                    }
                }
                if (seen >= 4096 && controls * 20L > seen) {
                    throw new BinaryFileException(1);
                }
            }
            if (pending > 0) {
                utf8 = false;
            }
            if (seen > 0 && controls * 20L > seen) {
                throw new BinaryFileException(1);
            }
        }
        Charset charset = bom || utf8 ? StandardCharsets.UTF_8 : WINDOWS_1252;
        char separator = ',';
        try (Reader r = open(file, charset, bom)) {
            separator = separatorOf(firstLine(r));
        }
        return new CsvFormat(charset, bom, separator);
    }

    /** A reader of the file's text, after the BOM. */
    public Reader open(Path file) throws IOException {
        return open(file, charset, bom);
    }

    private static Reader open(Path file, Charset charset, boolean bom) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (bom) {
            in.skipNBytes(3);
        }
        return new InputStreamReader(in, charset);
    }

    /** The first non-empty line (at most 1 MB of it). */
    static String firstLine(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = r.read()) >= 0 && sb.length() < 1_048_576) {
            if (c == '\n' || c == '\r') {
                if (sb.toString().isBlank()) {
                    sb.setLength(0);
                    continue;
                }
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    static char separatorOf(String header) {
        int semi = 0;
        int comma = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ';' -> semi++;
                    case ',' -> comma++;
                    case '\t' -> tab++;
                    default -> {
                    }
                }
            }
        }
        if (semi == 0 && comma == 0 && tab == 0) {
            return ',';
        }
        if (semi >= comma && semi >= tab) {
            return ';';
        }
        return comma >= tab ? ',' : '\t';
    }
}
