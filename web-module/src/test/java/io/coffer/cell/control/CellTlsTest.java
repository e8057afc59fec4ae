package io.coffer.cell.control;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellTlsTest {

    @TempDir
    Path spoiled;

    @Test
    void aCellWithoutAKeyStoreIsNamed() {
        Path pki = TestPki.coffer();

        assertThatThrownBy(() -> CellTls.of(pki, "cell-9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(pki.resolve("cell-9.p12") + " is missing: ./coffer start makes Coffer's PKI");
    }

    @Test
    void aMissingTrustStoreIsNamed() throws IOException {
        Path pki = TestPki.copy(TestPki.coffer(), spoiled);
        Files.delete(pki.resolve("truststore.p12"));

        assertThatThrownBy(() -> CellTls.of(pki, TestPki.CELL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(pki.resolve("truststore.p12") + " is missing: ./coffer start makes Coffer's PKI");
    }

    @Test
    void aMissingPasswordFileIsNamed() throws IOException {
        Path pki = TestPki.copy(TestPki.coffer(), spoiled);
        Files.delete(pki.resolve("passwords.properties"));

        assertThatThrownBy(() -> CellTls.of(pki, TestPki.CELL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(pki.resolve("passwords.properties") + " is missing: ./coffer start makes Coffer's PKI");
    }

    @Test
    void aMissingPasswordIsNamed() throws IOException {
        Path pki = TestPki.copy(TestPki.coffer(), spoiled);
        Files.writeString(pki.resolve("passwords.properties"), "cells.password=" + TestPki.CELLS_PASSWORD + "\n");

        assertThatThrownBy(() -> CellTls.of(pki, TestPki.CELL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(pki.resolve("passwords.properties") + " has no trust.password");
    }

    @Test
    void aWrongCellPasswordNamesTheStoreAndTheKeyButNoPassword() throws IOException {
        Path pki = TestPki.copy(TestPki.coffer(), spoiled);
        Files.writeString(
                pki.resolve("passwords.properties"),
                "cells.password=not-the-cells-password\ntrust.password=" + TestPki.TRUST_PASSWORD + "\n");

        assertThatThrownBy(() -> CellTls.of(pki, TestPki.CELL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("wrong password for " + pki.resolve("cell-0.p12")
                        + ": cells.password in passwords.properties does not open it")
                .message()
                .doesNotContain("not-the-cells-password", TestPki.CELLS_PASSWORD, TestPki.TRUST_PASSWORD);
    }

    @Test
    void aWrongTrustPasswordNamesTheStoreAndTheKeyButNoPassword() throws IOException {
        Path pki = TestPki.copy(TestPki.coffer(), spoiled);
        Files.writeString(
                pki.resolve("passwords.properties"),
                "cells.password=" + TestPki.CELLS_PASSWORD + "\ntrust.password=not-the-trust-password\n");

        assertThatThrownBy(() -> CellTls.of(pki, TestPki.CELL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("wrong password for " + pki.resolve("truststore.p12")
                        + ": trust.password in passwords.properties does not open it")
                .message()
                .doesNotContain("not-the-trust-password", TestPki.CELLS_PASSWORD, TestPki.TRUST_PASSWORD);
    }

    @Test
    void aCellNameThatWouldLeaveTheDirectoryIsRefused() {
        assertThatThrownBy(() -> CellTls.of(TestPki.coffer(), "../cell-0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a cell name: '../cell-0'");
    }
}
