package app.relais.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A Redis client of its own (plain RESP over a socket), standing for another instance's JVM. */
final class RawRedis implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    RawRedis(String url) throws IOException {
        URI uri = URI.create(url);
        socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
        out = socket.getOutputStream();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            command("SELECT", path.substring(1));
        }
    }

    /** Sends one command; returns the reply's first line (or the bulk string's value). */
    String command(String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = in.readLine();
        if (line.startsWith("$") && !line.equals("$-1")) {
            return in.readLine();
        }
        if (line.startsWith("-")) {
            throw new IOException(line);
        }
        return line.substring(1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
