package io.callvault.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Constants;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.NioEndpoint.NioSocketWrapper;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO connector with two defences it lacks: a cap on the connections one address may hold open, and a
 * deadline for a request's headers (Tomcat's timeouts are per read, so a client that sends a byte every few
 * seconds would hold its connection for ever). Configured and swept by {@link SlowClients}.
 */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {

    public GuardedHttp11NioProtocol() {
        super(new GuardedEndpoint());
    }

    GuardedEndpoint guardedEndpoint() {
        return (GuardedEndpoint) getEndpoint();
    }

    static final class GuardedEndpoint extends NioEndpoint {

        private static final Logger log = LoggerFactory.getLogger(SlowClients.class);

        private volatile int connectionsPerAddress;
        /** Addresses refused lately, and when: one log line per episode, not one per refused connection. */
        private final ConcurrentMap<String, Long> refused = new ConcurrentHashMap<>();

        void connectionsPerAddress(int cap) {
            this.connectionsPerAddress = cap;
        }

        /** Called for each accepted connection: refusing it here closes it before a byte is read. */
        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            int cap = connectionsPerAddress;
            if (cap > 0) {
                String address = host(socket);
                if (address != null && openFrom(address) >= cap) {
                    long now = System.nanoTime();
                    Long since = refused.put(address, now);
                    if (since == null || now - since > 60_000_000_000L) {
                        log.warn("refusing connections from {}: it holds {} open already", address, cap);
                    }
                    return false;
                }
            }
            return super.setSocketOptions(socket);
        }

        private long openFrom(String address) {
            long open = 0;
            for (SocketChannel channel : connections.keySet()) {
                if (address.equals(host(channel))) {
                    open++;
                }
            }
            return open;
        }

        private static String host(SocketChannel channel) {
            try {
                SocketAddress remote = channel.getRemoteAddress();
                return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : null;
            } catch (IOException closed) {
                return null;
            }
        }

        /**
         * Connections still sending the headers of a request begun more than {@code deadlineNanos} ago are closed the
         * way Tomcat closes one whose read timed out: an error event, processed under the connection's own lock.
         */
        int closeSlowHeaders(long deadlineNanos) {
            long now = System.nanoTime();
            int closed = 0;
            for (SocketWrapperBase<NioChannel> wrapper : getConnections()) {
                if (wrapper.getCurrentProcessor() instanceof AbstractProcessor processor && waitingForHeaders(wrapper, processor)
                        && now - processor.getRequest().getStartTimeNanos() > deadlineNanos) {
                    wrapper.setError(new SocketTimeoutException("the request headers took longer than the deadline"));
                    if (!processSocket(wrapper, SocketEvent.ERROR, true)) {
                        wrapper.close();
                    }
                    closed++;
                }
            }
            refused.values().removeIf(at -> now - at > 60_000_000_000L);
            return closed;
        }

        /**
         * A request has begun (its start time is set) and the processor is parked on the connection between two
         * reads of its headers: Tomcat marks such a parked request ENDED. Parked the same way, but not waiting for the
         * client, are a response being sent by sendfile and an async request: they are left alone.
         */
        private static boolean waitingForHeaders(SocketWrapperBase<NioChannel> wrapper, AbstractProcessor processor) {
            Request request = processor.getRequest();
            return request.getStartTimeNanos() != -1 && request.getRequestProcessor().getStage() == Constants.STAGE_ENDED
                    && !processor.isAsync() && wrapper instanceof NioSocketWrapper nio && nio.getSendfileData() == null;
        }
    }
}
