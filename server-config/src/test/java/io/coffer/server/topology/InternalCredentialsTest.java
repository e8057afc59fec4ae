package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalCredentialsTest {

    @TempDir
    Path home;

    @Test
    void aFirstStartGeneratesPasswordsInAFileOnlyItsOwnerReads() throws Exception {
        InternalCredentials made = InternalCredentials.ensure(home);

        Path file = home.resolve(InternalCredentials.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(made.derbyUser()).isEqualTo("app");
        assertThat(made.brokerUser()).isEqualTo("coffer");
        assertThat(made.derbyPassword()).hasSize(32).matches("[A-Za-z0-9]+").isNotEqualTo(made.brokerPassword());
        assertThat(Files.readString(file))
                .contains("derby.password=" + made.derbyPassword(), "broker.password=" + made.brokerPassword());
        assertThat(made.toString()).doesNotContain(made.derbyPassword(), made.brokerPassword());
    }

    @Test
    void laterStartsKeepThemAndTightenTheFileMode() throws Exception {
        InternalCredentials first = InternalCredentials.ensure(home);
        Path file = home.resolve(InternalCredentials.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        InternalCredentials again = InternalCredentials.ensure(home);

        assertThat(again).isEqualTo(first);
        assertThat(InternalCredentials.of(home)).isEqualTo(first);
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint()).doesNotContain(first.derbyPassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void anotherInstallHasOtherPasswords() throws Exception {
        InternalCredentials one = InternalCredentials.ensure(home.resolve("one"));
        InternalCredentials other = InternalCredentials.ensure(home.resolve("other"));

        assertThat(other.derbyPassword()).isNotEqualTo(one.derbyPassword());
        assertThat(other.fingerprint()).isNotEqualTo(one.fingerprint());
    }
}
