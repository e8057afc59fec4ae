package io.coffer.secret.entity;

import io.coffer.routing.entity.Replicated;
import io.coffer.routing.entity.StoredRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A secret's name within its vault, pointing at the secret: how {@code GetSecretBundleByName} finds a secret, and
 * (by its primary key) what keeps names unique per vault. Base store, replicated to every data-plane host.
 */
@Entity
@Table(name = "SECRET_NAME_ROUTE")
@Replicated
public class SecretNameRoute {

    @Id
    @Column(name = "VAULT_AND_NAME", length = 400)
    private String vaultAndName;

    @Column(name = "SECRET_ID", length = 128, nullable = false)
    private String secretId;

    @Version
    @Column(name = "VERSION")
    private long version;

    protected SecretNameRoute() {}

    /** The name route as stored (a plain-JDBC read of its row). */
    public SecretNameRoute(StoredRow row) {
        vaultAndName = row.text("VAULT_AND_NAME");
        secretId = row.text("SECRET_ID");
        version = row.number("VERSION");
    }

    public SecretNameRoute(String vaultId, String secretName, String secretId) {
        this.vaultAndName = key(vaultId, secretName);
        this.secretId = secretId;
    }

    public static String key(String vaultId, String secretName) {
        return vaultId + "/" + secretName;
    }

    public String secretId() {
        return secretId;
    }
}
