package io.coffer.server.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildArtifactsTest {

    @Test
    void theDeadlineJarHoldsTheDataSourceAndItsNestedClassesOnly(@TempDir Path checkout) throws Exception {
        Path classes = checkout.resolve("server-config/target/classes/io/coffer/server/derby");
        Files.createDirectories(classes);
        for (String name : new String[] {
            "DeadlineClientXADataSource.class", "DeadlineClientXADataSource$Bounded.class", "CredentialsDatabase.class"
        }) {
            Files.writeString(classes.resolve(name), name);
        }
        Path jar = checkout.resolve("coffer-derby-deadlines.jar");

        new BuildArtifacts(checkout).writeDeadlineDataSourceJar(jar);

        try (JarFile written = new JarFile(jar.toFile())) {
            assertThat(Collections.list(written.entries()).stream()
                            .map(JarEntry::getName)
                            .filter(name -> !name.startsWith("META-INF")))
                    .containsExactlyInAnyOrder(
                            "io/coffer/server/derby/DeadlineClientXADataSource.class",
                            "io/coffer/server/derby/DeadlineClientXADataSource$Bounded.class");
        }
    }

    @Test
    void theStoreFunctionsJarHoldsTheReplicationModulesFunctionClassOnly(@TempDir Path checkout) throws Exception {
        Path classes = checkout.resolve("replication-mdb/target/classes/io/coffer/replication/store");
        Files.createDirectories(classes);
        for (String name : new String[] {"StoreFunctions.class", "WholeRows.class", "StoreFunctionsTest.class"}) {
            Files.writeString(classes.resolve(name), name);
        }
        Path jar = checkout.resolve("coffer-store-functions.jar");

        new BuildArtifacts(checkout).writeStoreFunctionsJar(jar);

        try (JarFile written = new JarFile(jar.toFile())) {
            assertThat(Collections.list(written.entries()).stream()
                            .map(JarEntry::getName)
                            .filter(name -> !name.startsWith("META-INF")))
                    .containsExactly("io/coffer/replication/store/StoreFunctions.class");
        }
    }
}
