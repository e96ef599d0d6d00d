package io.logjms.provider.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A second, real resource manager for XA tests: it records each branch's one line of work durably in a
 * file (every state change appended and forced), so a prepared branch survives and {@link #recover} lists
 * it from the file. One line per event: {@code <state> <format> <gtrid hex> <bqual hex> <work>}. A hook
 * may run at commit (after the file says committed), so a test can crash something at that moment.
 */
final class FileXAResource implements XAResource {
    private final Path file;
    private final Map<String, String> work = new LinkedHashMap<>();
    private volatile Runnable afterCommit = () -> { };

    FileXAResource(Path file) {
        this.file = file;
    }

    /** The work the current branch records (one line). */
    void record(Xid xid, String line) {
        work.put(key(xid), line);
    }

    void afterCommit(Runnable hook) {
        this.afterCommit = hook;
    }

    /** The work of the committed branches, in order. */
    List<String> committed() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("committed ")) {
                out.add(line.split(" ", 5)[4]);
            }
        }
        return out;
    }

    private List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    private static String key(Xid xid) {
        HexFormat hex = HexFormat.of();
        return xid.getFormatId() + " " + hex.formatHex(xid.getGlobalTransactionId()) + " "
                + hex.formatHex(xid.getBranchQualifier());
    }

    private void append(String state, Xid xid, String line) {
        byte[] bytes = (state + " " + key(xid) + " " + line + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(Xid xid, int flags) {
        work.putIfAbsent(key(xid), "");
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public int prepare(Xid xid) {
        append("prepared", xid, work.getOrDefault(key(xid), ""));
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        String line = work.remove(key(xid));
        if (line == null) {
            line = preparedWork(xid);
        }
        append("committed", xid, line);
        afterCommit.run();
    }

    private String preparedWork(Xid xid) throws XAException {
        try {
            String prefix = "prepared " + key(xid) + " ";
            for (String l : lines()) {
                if (l.startsWith(prefix)) {
                    return l.substring(prefix.length());
                }
            }
        } catch (IOException e) {
            throw new XAException(XAException.XAER_RMERR);
        }
        throw new XAException(XAException.XAER_NOTA);
    }

    @Override
    public void rollback(Xid xid) {
        work.remove(key(xid));
        append("rolledback", xid, "");
    }

    /** The branches the file shows prepared and not decided. */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        try {
            Map<String, String[]> open = new LinkedHashMap<>();
            for (String l : lines()) {
                String[] parts = l.split(" ", 5);
                String k = parts[1] + " " + parts[2] + " " + parts[3];
                if (parts[0].equals("prepared")) {
                    open.put(k, parts);
                } else {
                    open.remove(k);
                }
            }
            HexFormat hex = HexFormat.of();
            return open.values().stream().map(p -> new SimpleXid(Integer.parseInt(p[1]), hex.parseHex(p[2]),
                    hex.parseHex(p[3]))).toArray(Xid[]::new);
        } catch (IOException e) {
            throw new XAException(XAException.XAER_RMERR);
        }
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    private record SimpleXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }
}
