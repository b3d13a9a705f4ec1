package io.callvault.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder to a local port (Redis, the test's S3 server), for tests of what a node does when a service goes
 * away: {@link #outage} closes every connection and refuses new ones for a while, {@link #cut} for good.
 */
public final class TcpProxy implements AutoCloseable {

    private final int target;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile long refusingUntil = System.nanoTime();

    public TcpProxy(int target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    if (System.nanoTime() - refusingUntil < 0) {
                        client.close();
                        continue;
                    }
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    pipe(client, upstream);
                    pipe(upstream, client);
                } catch (IOException closed) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }, "tcp-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The URL of a Redis reached through this proxy. */
    public String redisUrl() {
        return "redis://127.0.0.1:" + port();
    }

    private static void pipe(Socket from, Socket to) {
        Thread copy = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // cut
            }
        }, "tcp-proxy-pipe");
        copy.setDaemon(true);
        copy.start();
    }

    /** Closes every connection, and refuses new ones for {@code length}: the service is away, then back. */
    public void outage(Duration length) throws IOException {
        refusingUntil = System.nanoTime() + length.toNanos();
        closeConnections();
    }

    /** Closes every connection and refuses new ones from now on. */
    public void cut() throws IOException {
        server.close();
        closeConnections();
    }

    private void closeConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
            open.remove(socket);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
