package io.coffer.server.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks the Payara Server distribution Maven fetched into Coffer's home, once. */
public final class PayaraInstall {

    private PayaraInstall() {}

    /** @param payaraHome the {@code payara6} directory the zip unpacks to */
    public static void ensure(Path zip, Path payaraHome) throws IOException {
        Path marker = payaraHome.resolve(".coffer-unpacked");
        if (Files.isRegularFile(marker)
                && Files.readString(marker).equals(zip.getFileName().toString())) {
            return;
        }
        Path target = payaraHome.getParent();
        HostNode.deleteRecursively(payaraHome);
        Files.createDirectories(target);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    copy(in, file);
                }
            }
        }
        for (String script : new String[] {
            "bin/asadmin",
            "glassfish/bin/asadmin",
            "bin/startserv",
            "bin/stopserv",
            "glassfish/bin/startserv",
            "glassfish/bin/stopserv"
        }) {
            Path executable = payaraHome.resolve(script);
            if (Files.exists(executable)) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(executable));
                permissions.addAll(EnumSet.of(
                        PosixFilePermission.OWNER_EXECUTE,
                        PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(executable, permissions);
            }
        }
        Files.writeString(marker, zip.getFileName().toString());
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
