package io.coffer.shard.boundary;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /admin/v1/vaults/{vaultId}/shard}: the operator's view of the routing metadata, which shard and cell hold a
 * vault (404 for a vault that does not exist), whoever owns it.
 */
@Path("v1/vaults")
@Produces(MediaType.APPLICATION_JSON)
public class VaultShardResource {

    @EJB
    ShardService shards;

    @GET
    @Path("{vaultId}/shard")
    public ShardService.VaultShard shardOf(@PathParam("vaultId") String vaultId) {
        return shards.vaultShard(vaultId);
    }
}
