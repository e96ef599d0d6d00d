package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.Frames;
import io.logjms.provider.client.ProtocolClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A client on a plain {@link Socket} that writes whatever bytes a test wants, well-formed or not, and
 * parses what the broker answers byte by byte, without the protocol codec the broker shares. Not thread-safe.
 */
public final class RawConnection implements AutoCloseable {
    /** How long a read waits for the broker before the test fails. */
    private static final int READ_TIMEOUT_MS = 5_000;

    /**
     * A response frame as read off the socket.
     *
     * @param length        the frame's length field
     * @param apiKey        raw api key (0 when the broker could not tie the error to a request)
     * @param kind          raw kind byte (1 for a response)
     * @param correlationId echoed correlation id (0 when the broker could not tie the error to a request)
     * @param errorCode     raw int16 error code
     * @param message       error message, null on success
     * @param rest          the body after the error header
     */
    public record Response(int length, short apiKey, byte kind, int correlationId, short errorCode, String message,
                           byte[] rest) {
        public ErrorCode error() {
            return ErrorCode.fromCode(errorCode);
        }

        public ByteBuf restBuffer() {
            return Unpooled.wrappedBuffer(rest);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int nextCorrelationId = 1;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    public static RawConnection open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return new RawConnection(socket);
    }

    /** Opens a connection and completes a handshake on it. */
    public static RawConnection openWithHandshake(int port) throws IOException {
        RawConnection c = open(port);
        Response r = c.request(ApiKey.HANDSHAKE.id(), ProtocolClient.handshake(null, null, null)::writeTo);
        assertThat(r.error()).as("handshake answer: %s", r.message()).isEqualTo(ErrorCode.NONE);
        return c;
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a request frame with the next correlation id and returns that id. */
    public int sendRequest(short apiKey, Consumer<ByteBuf> body) throws IOException {
        int correlationId = nextCorrelationId++;
        send(frame(apiKey, FrameKind.REQUEST, correlationId, body));
        return correlationId;
    }

    /** Sends a request and reads the response, checking that it answers this request. */
    public Response request(short apiKey, Consumer<ByteBuf> body) throws IOException {
        int correlationId = sendRequest(apiKey, body);
        Response r = readResponse();
        assertThat(r.correlationId()).as("correlation id of the answer").isEqualTo(correlationId);
        assertThat(r.apiKey()).as("api key of the answer").isEqualTo(apiKey);
        return r;
    }

    /** The bytes of one whole frame: length, header, body. */
    public static byte[] frame(short apiKey, FrameKind kind, int correlationId, Consumer<ByteBuf> body) {
        ByteBuf buf = Frames.start(UnpooledByteBufAllocator.DEFAULT, apiKey, kind, correlationId);
        try {
            body.accept(buf);
            Frames.finish(buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** Reads one frame and parses it as a response: length, api key, kind, correlation id, error header. */
    public Response readResponse() throws IOException {
        int length = in.readInt();
        assertThat(length).as("frame length").isBetween(FrameLayout.HEADER_SIZE + 4, 1 << 24);
        byte[] frame = new byte[length];
        in.readFully(frame);
        Response r = parse(length, Unpooled.wrappedBuffer(frame));
        assertThat(r.kind()).as("frame kind").isEqualTo(FrameKind.RESPONSE.code());
        return r;
    }

    /**
     * The next response, push frames skipped, or null when the broker closes the connection first (end of
     * stream or reset). Fails when nothing arrives within the read timeout.
     */
    public Response nextResponseOrClose() throws IOException {
        while (true) {
            int length;
            byte[] frame;
            try {
                length = in.readInt();
                assertThat(length).as("frame length").isBetween(FrameLayout.HEADER_SIZE + 4, 1 << 24);
                frame = new byte[length];
                in.readFully(frame);
            } catch (java.io.EOFException e) {
                return null;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer and no close within " + socket.getSoTimeout() + " ms", e);
            } catch (SocketException e) {
                return null;
            }
            if (frame[2] != FrameKind.PUSH.code()) {
                Response r = parse(length, Unpooled.wrappedBuffer(frame));
                assertThat(r.kind()).as("frame kind").isEqualTo(FrameKind.RESPONSE.code());
                return r;
            }
        }
    }

    /**
     * The frames in {@code received} parsed as responses, push frames skipped; fails if bytes of a partial
     * frame are left.
     */
    public static List<Response> parseResponses(byte[] received) {
        List<Response> out = new ArrayList<>();
        ByteBuf buf = Unpooled.wrappedBuffer(received);
        while (buf.readableBytes() >= 4 && buf.readableBytes() >= 4L + buf.getInt(buf.readerIndex())) {
            int length = buf.readInt();
            ByteBuf frame = buf.readSlice(length);
            if (frame.getByte(frame.readerIndex() + 2) != FrameKind.PUSH.code()) {
                out.add(parse(length, frame));
            }
        }
        assertThat(buf.readableBytes()).as("bytes after the last whole frame").isZero();
        return out;
    }

    private static Response parse(int length, ByteBuf frame) {
        short apiKey = frame.readShort();
        byte kind = frame.readByte();
        int correlationId = frame.readInt();
        short code = frame.readShort();
        short messageLength = frame.readShort();
        String message = messageLength < 0 ? null
                : frame.readCharSequence(messageLength, StandardCharsets.UTF_8).toString();
        byte[] rest = new byte[frame.readableBytes()];
        frame.readBytes(rest);
        return new Response(length, apiKey, kind, correlationId, code, message, rest);
    }

    /** Reads an error response and checks its code, api key and correlation id. */
    public Response expectError(ErrorCode error, short apiKey, int correlationId) throws IOException {
        Response r = readResponse();
        assertThat(r.error()).as("error code (message: %s)", r.message()).isEqualTo(error);
        assertThat(r.message()).as("error message").isNotBlank();
        assertThat(r.apiKey()).as("api key").isEqualTo(apiKey);
        assertThat(r.correlationId()).as("correlation id").isEqualTo(correlationId);
        assertThat(r.rest()).as("nothing after the error header").isEmpty();
        return r;
    }

    /**
     * Whether the broker closes the connection within {@code timeout}: a read returns end of stream.
     * Bytes that arrive first count against it; a timeout means the connection is still open.
     */
    public boolean closedByBroker(Duration timeout) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    /** Reads until the broker closes the connection (end of stream or reset), or fails after the timeout. */
    public byte[] drainUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream raw = socket.getInputStream();
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = raw.read(chunk)) != -1) {
                received.write(chunk, 0, n);
            }
        } catch (SocketException e) {
            // a reset also ends the connection: the broker closed it with our bytes still unread
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the broker kept the connection open for " + timeout + " after "
                    + received.size() + " bytes", e);
        }
        return received.toByteArray();
    }

    /** Half-closes: the broker sees the end of our stream, we can still read its answer. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
