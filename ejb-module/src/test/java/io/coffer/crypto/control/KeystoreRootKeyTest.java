package io.coffer.crypto.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreRootKeyTest {

    @TempDir
    Path home;

    @Test
    void isMadeOnFirstUseOwnerOnlyAndIsTheSameKeyWhenOpenedAgain() throws Exception {
        Path keystore = home.resolve("keys/root.p12");
        Path password = home.resolve("keys/root.pass");
        RootKey first = KeystoreRootKey.openOrCreate(keystore, password);
        byte[] aad = AssociatedData.keyMaterial("key", "version");
        byte[] wrapped = first.wrap(new byte[32], aad);

        RootKey reopened = KeystoreRootKey.openOrCreate(keystore, password);
        assertThat(reopened.unwrap(wrapped, aad)).isEqualTo(new byte[32]);
        assertThat(reopened.id()).isEqualTo("keystore:coffer-root");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password)))
                .isEqualTo("rw-------");
        assertThat(reopened.toString())
                .doesNotContain(Files.readString(password).trim());
    }

    @Test
    void wrappedMaterialIsBoundToItsKeyAndVersion() {
        RootKey root = KeystoreRootKey.openOrCreate(home.resolve("root.p12"), home.resolve("root.pass"));
        byte[] wrapped = root.wrap(new byte[32], AssociatedData.keyMaterial("key", "v1"));
        assertThatThrownBy(() -> root.unwrap(wrapped, AssociatedData.keyMaterial("key", "v2")))
                .isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> root.unwrap(wrapped, AssociatedData.keyMaterial("other", "v1")))
                .isInstanceOf(CryptoFailure.class);
    }

    @Test
    void anotherRootKeyCannotUnwrap() {
        RootKey one = KeystoreRootKey.openOrCreate(home.resolve("a/root.p12"), home.resolve("a/root.pass"));
        RootKey other = KeystoreRootKey.openOrCreate(home.resolve("b/root.p12"), home.resolve("b/root.pass"));
        byte[] aad = AssociatedData.keyMaterial("key", "v1");
        byte[] wrapped = one.wrap(new byte[32], aad);
        assertThatThrownBy(() -> other.unwrap(wrapped, aad)).isInstanceOf(CryptoFailure.class);
    }

    @Test
    void concurrentFirstOpensMakeOneKey() throws Exception {
        Path keystore = home.resolve("race/root.p12");
        Path password = home.resolve("race/root.pass");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RootKey>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opened.add(pool.submit((Callable<RootKey>) () -> KeystoreRootKey.openOrCreate(keystore, password)));
            }
            byte[] aad = AssociatedData.keyMaterial("key", "v");
            byte[] wrapped = opened.get(0).get().wrap(new byte[32], aad);
            for (Future<RootKey> root : opened) {
                assertThat(root.get().unwrap(wrapped, aad)).isEqualTo(new byte[32]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
