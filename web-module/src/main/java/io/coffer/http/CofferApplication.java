package io.coffer.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every resource sits at the server root: the OCI SDKs call {@code /20180608/...} and {@code /20190301/...}. */
@ApplicationPath("/")
public class CofferApplication extends Application {
}
