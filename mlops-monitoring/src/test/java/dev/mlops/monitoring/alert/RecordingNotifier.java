package dev.mlops.monitoring.alert;

import java.util.ArrayList;
import java.util.List;

/** Records what it is asked to send; can be told to fail the next n sends. */
final class RecordingNotifier implements Notifier, AutoCloseable {

    private final List<Notification> sent = new ArrayList<>();
    private final boolean sendResolvedByDefault;
    private int failuresLeft;
    private int attempts;
    private boolean closed;

    RecordingNotifier() {
        this(true);
    }

    RecordingNotifier(boolean sendResolvedByDefault) {
        this.sendResolvedByDefault = sendResolvedByDefault;
    }

    @Override
    public synchronized void send(Notification n) {
        attempts++;
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new DeliveryException("scripted failure", 1, 503, null);
        }
        sent.add(n);
    }

    @Override
    public boolean sendResolvedByDefault() {
        return sendResolvedByDefault;
    }

    synchronized void failNext(int n) {
        failuresLeft = n;
    }

    synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    synchronized Notification last() {
        return sent.get(sent.size() - 1);
    }

    synchronized int attempts() {
        return attempts;
    }

    synchronized void reset() {
        sent.clear();
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public String toString() {
        return "RecordingNotifier";
    }
}
