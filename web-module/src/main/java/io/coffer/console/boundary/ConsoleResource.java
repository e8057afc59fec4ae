package io.coffer.console.boundary;

import io.coffer.platform.failure.CofferException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** {@code /console/}: the console's static files (see the package description); nothing else. */
@Path("console")
public class ConsoleResource {

    /** The files there are, with their media types: a fixed list, so no path reaches anything else. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "throttling.js", "text/javascript; charset=utf-8",
            "migration.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            throw CofferException.notFound("console file " + file);
        }
        try (InputStream in = ConsoleResource.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw CofferException.notFound("console file " + file);
            }
            return Response.ok(in.readAllBytes(), type)
                    .header("cache-control", "no-cache")
                    .header("content-security-policy", "default-src 'self'; style-src 'self'; script-src 'self'")
                    .build();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
