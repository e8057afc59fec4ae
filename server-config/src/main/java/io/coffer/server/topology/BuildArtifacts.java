package io.coffer.server.topology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * What the build produced and a topology is made of: the EAR, the Derby jars and the ActiveMQ resource adapter, the
 * CLI's own classpath (which also runs the broker), and the Payara Server zip Maven resolved.
 *
 * @param root the checkout (the {@code coffer.root} system property the {@code ./coffer} script sets)
 */
public record BuildArtifacts(Path root) {

    /** By name: the class is the replication module's, which the CLI does not depend on. */
    static final String STORE_FUNCTIONS = "io.coffer.replication.store.StoreFunctions";

    public static BuildArtifacts fromSystemProperty() {
        String root = System.getProperty("coffer.root");
        if (root == null || root.isBlank()) {
            throw new CliException("coffer.root is not set; run the CLI through ./coffer");
        }
        return new BuildArtifacts(Path.of(root).toAbsolutePath().normalize());
    }

    public Path ear() {
        return require(root.resolve("ear/target/coffer.ear"), "the EAR");
    }

    public Path nodeDir() {
        return root.resolve("server-config/target/node");
    }

    public List<Path> derbyServerClasspath() {
        return List.of(node("derby.jar"), node("derbyshared.jar"), node("derbytools.jar"), node("derbynet.jar"));
    }

    /** The Derby jars every app server gets in its own library path (embedded engine for the local store, client). */
    public List<Path> derbyServerLibs() {
        return List.of(node("derby.jar"), node("derbyshared.jar"), node("derbytools.jar"), node("derbyclient.jar"));
    }

    /**
     * Writes the jar every app server gets beside Derby's: Coffer's data source that puts deadlines on the Derby
     * client (a single class, taken from the CLI's own classes).
     */
    public void writeDeadlineDataSourceJar(Path jar) throws IOException {
        writeClassJar(cliClasses(), HostResources.REMOTE_DATA_SOURCE, jar, "the deadline data source");
    }

    /**
     * Writes the jar the Derby network server gets on its class path: the Java functions Coffer's remote stores
     * declare (a single class, taken from the replication module's classes; see {@code WholeRows}).
     */
    public void writeStoreFunctionsJar(Path jar) throws IOException {
        writeClassJar(
                root.resolve("replication-mdb/target/classes"), STORE_FUNCTIONS, jar, "the stores' Java functions");
    }

    /** A jar of one compiled class and its nested classes, replaced whole (a running JVM keeps the one it opened). */
    private void writeClassJar(Path classesRoot, String qualifiedName, Path jar, String what) throws IOException {
        String className = qualifiedName.replace('.', '/');
        Path compiled = require(classesRoot.resolve(className + ".class"), what);
        String simpleName = compiled.getFileName().toString().replace(".class", "");
        List<Path> classes;
        try (var files = Files.list(compiled.getParent())) {
            // the class and its nested classes
            classes = files.filter(file -> file.getFileName().toString().startsWith(simpleName + ".")
                            || file.getFileName().toString().startsWith(simpleName + "$"))
                    .sorted()
                    .toList();
        }
        String packageDir = className.substring(0, className.lastIndexOf('/') + 1);
        Path temporary = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary), new Manifest())) {
            for (Path file : classes) {
                out.putNextEntry(new JarEntry(packageDir + file.getFileName()));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    public Path activemqRar() {
        return node("activemq-rar.rar");
    }

    public String cliClasspath() {
        return cliClasses() + ":" + root.resolve("server-config/target/lib") + "/*";
    }

    /** The CLI's own classes (without its libraries): the one-off mains the topology runs on other classpaths. */
    public Path cliClasses() {
        return root.resolve("server-config/target/classes");
    }

    public Path payaraZip() {
        Properties build = new Properties();
        try (InputStream in = BuildArtifacts.class.getResourceAsStream("/coffer-build.properties")) {
            if (in == null) {
                throw new CliException(
                        "coffer-build.properties is missing from the CLI's classpath; rebuild with mvn package");
            }
            build.load(in);
        } catch (IOException failure) {
            throw new CliException("cannot read coffer-build.properties: " + failure.getMessage(), failure);
        }
        String zip = build.getProperty("payara.zip", "");
        if (zip.isBlank() || zip.startsWith("${")) {
            throw new CliException("the build did not record where the Payara Server zip is; rebuild with mvn package");
        }
        return require(Path.of(zip), "the Payara Server distribution");
    }

    private Path node(String file) {
        return require(nodeDir().resolve(file), file);
    }

    private static Path require(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(
                    what + " is missing at " + file + "; build first (./coffer builds when needed, or mvn package)");
        }
        return file;
    }

    /** A file's SHA-256 in hex: what tells a deployed EAR from a rebuilt one. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
