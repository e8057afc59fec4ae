package io.coffer.http;

import jakarta.ws.rs.QueryParam;

/** The sort and page parameters of an OCI list call, as they arrive; the service behind the call checks them. */
public class ListQuery {

    @QueryParam("sortBy")
    public String sortBy;

    @QueryParam("sortOrder")
    public String sortOrder;

    @QueryParam("limit")
    public Integer limit;

    @QueryParam("page")
    public String page;
}
