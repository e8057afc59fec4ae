package io.coffer.http;

import io.coffer.bundle.boundary.SecretBundleResource;
import io.coffer.cell.boundary.CellForwardingFilter;
import io.coffer.console.boundary.ConsoleResource;
import io.coffer.identity.boundary.SignatureAuthenticationFilter;
import io.coffer.key.boundary.KeyResource;
import io.coffer.secret.boundary.SecretResource;
import io.coffer.throttling.boundary.KnownOverLimitFilter;
import io.coffer.throttling.boundary.ThrottlingFilter;
import io.coffer.vault.boundary.VaultResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The OCI APIs at the server root, where the OCI SDKs call them ({@code /20180608/...}, {@code /20190301/...},
 * {@code /kms/<vault>/...}), and the console's static files. Every failure here answers with OCI's error body.
 */
@ApplicationPath("/")
public class OciApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                VaultResource.class,
                KeyResource.class,
                SecretResource.class,
                SecretBundleResource.class,
                ConsoleResource.class,
                RequestIds.class,
                RequestBodies.class,
                CellForwardingFilter.class,
                KnownOverLimitFilter.class,
                SignatureAuthenticationFilter.class,
                ThrottlingFilter.class,
                OciErrorMapper.class);
    }
}
