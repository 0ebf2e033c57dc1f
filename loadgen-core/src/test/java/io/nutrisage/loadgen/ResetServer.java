package io.nutrisage.loadgen;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** Accepts connections, reads the start of each request and resets the connection (TCP RST). */
final class ResetServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    ResetServer() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("reset-server").start(this::serve);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                InputStream in = socket.getInputStream();
                in.read(new byte[1024]);
                socket.setSoLinger(true, 0); // close with RST instead of FIN
                socket.close();
            } catch (IOException e) {
                // closed
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(1000);
    }
}
