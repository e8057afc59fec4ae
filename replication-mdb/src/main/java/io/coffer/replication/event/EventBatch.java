package io.coffer.replication.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Several log entries of one store in one message body. The publisher sends a batch per JMS message and a host applies
 * it in one local transaction: one broker write, one delivery and one commit for many events instead of one each.
 *
 * <p>Binary: a version byte, the entry count, then per entry its sequence number, its capture time (epoch
 * milliseconds) and its payload (length, then UTF-8 bytes).
 */
public final class EventBatch {

    /** One log entry: its payload still encoded, as it is logged (see {@link RowChangeCodec}). */
    public record Entry(long sequence, Instant capturedAt, String payload) {}

    static final byte VERSION = 1;
    /** The most entries a message carries. */
    public static final int MAX_ENTRIES = 200;
    /** A message is closed once its payloads reach this many bytes (one large secret version still goes alone). */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private EventBatch() {}

    /** Splits entries, in order, into the batches that go one per message. */
    public static List<List<Entry>> split(List<Entry> entries) {
        List<List<Entry>> batches = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        long bytes = 0;
        for (Entry entry : entries) {
            long size = entry.payload().length();
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + size > MAX_PAYLOAD_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(entry);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    public static byte[] encode(List<Entry> entries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(VERSION);
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                byte[] payload = entry.payload().getBytes(StandardCharsets.UTF_8);
                out.writeLong(entry.sequence());
                out.writeLong(entry.capturedAt().toEpochMilli());
                out.writeInt(payload.length);
                out.write(payload);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return buffer.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a batch of this version, or are cut short */
    public static List<Entry> decode(byte[] body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("an event batch of version " + version + ", not " + VERSION);
            }
            int count = in.readInt();
            // every entry takes at least 20 bytes: a count beyond that is not a batch
            if (count < 1 || count > body.length / 20) {
                throw new IllegalArgumentException("an event batch claims " + count + " entries");
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long sequence = in.readLong();
                Instant capturedAt = Instant.ofEpochMilli(in.readLong());
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IllegalArgumentException("an event batch entry claims " + length + " bytes");
                }
                entries.add(new Entry(sequence, capturedAt, new String(in.readNBytes(length), StandardCharsets.UTF_8)));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("an event batch has " + in.available() + " bytes after its entries");
            }
            return entries;
        } catch (IOException cutShort) {
            throw new IllegalArgumentException("an event batch cut short", cutShort);
        }
    }
}
