package io.entrasync.job;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Microsoft Graph's synchronization job endpoints, as a typed REST client (built per source by {@link JobClients}
 * with the source's Graph URL). The schema travels as a JSON tree, so a PUT sends back every part exactly as read.
 * Reference: microsoft-graph-docs-contrib, synchronizationJob (list, get, start, pause, restart) and
 * synchronizationSchema (get, update); start, pause, restart and PUT answer {@code 204 No Content}.
 */
@Path("/{version}/servicePrincipals/{servicePrincipalId}/synchronization/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SynchronizationApi {

    @GET
    JobList list(@PathParam("version") String version, @PathParam("servicePrincipalId") String servicePrincipalId);

    @GET
    @Path("/{jobId}")
    SynchronizationJob job(@PathParam("version") String version,
            @PathParam("servicePrincipalId") String servicePrincipalId, @PathParam("jobId") String jobId);

    @GET
    @Path("/{jobId}/schema")
    JsonNode schema(@PathParam("version") String version, @PathParam("servicePrincipalId") String servicePrincipalId,
            @PathParam("jobId") String jobId);

    @PUT
    @Path("/{jobId}/schema")
    void putSchema(@PathParam("version") String version, @PathParam("servicePrincipalId") String servicePrincipalId,
            @PathParam("jobId") String jobId, JsonNode schema);

    @POST
    @Path("/{jobId}/start")
    void start(@PathParam("version") String version, @PathParam("servicePrincipalId") String servicePrincipalId,
            @PathParam("jobId") String jobId);

    @POST
    @Path("/{jobId}/pause")
    void pause(@PathParam("version") String version, @PathParam("servicePrincipalId") String servicePrincipalId,
            @PathParam("jobId") String jobId);

    @POST
    @Path("/{jobId}/restart")
    void restart(@PathParam("version") String version, @PathParam("servicePrincipalId") String servicePrincipalId,
            @PathParam("jobId") String jobId, RestartRequest request);
}
