package io.coffer.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR the build made, as Arquillian deploys it: unchanged. */
public final class Deployments {

    private Deployments() {}

    public static EnterpriseArchive coffer() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("coffer.ear")));
    }
}
