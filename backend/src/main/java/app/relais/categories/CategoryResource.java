package app.relais.categories;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import app.relais.contacts.BulkContactsResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/categories")
@Tag(name = "Categories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
public class CategoryResource {

    @Inject
    CategoryService service;

    @Inject
    app.relais.contacts.ContactExport export;

    private CategoryResponse out(Category c) {
        return CategoryResponse.of(c, c.memberCount);
    }

    @GET
    @Operation(summary = "List categories with their contact counts")
    @APIResponse(responseCode = "200", description = "A page of categories")
    public PageResponse<CategoryResponse> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @QueryParam("q") String q) {
        return service.list(PageRequest.of(page, size), q).map(this::out);
    }

    @POST
    @Operation(summary = "Create a category")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CategoryResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid name or colour", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "category-name-taken", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid CategoryRequest req, @Context UriInfo uri) {
        Category c = service.create(req);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build()).entity(out(c)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One category")
    @APIResponse(responseCode = "200", description = "The category")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    public CategoryResponse get(@PathParam("id") UUID id) {
        return out(service.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename, recolour or describe a category")
    @APIResponse(responseCode = "200", description = "The category")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "category-name-taken", content = @Content(schema = @Schema(implementation = Problem.class)))
    public CategoryResponse update(@PathParam("id") UUID id, @Valid CategoryRequest req) {
        return out(service.update(id, req == null ? new CategoryRequest(null, null, null) : req));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a category (its contacts are kept)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "category-in-use (targeted by a campaign)", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/contacts")
    @Operation(operationId = "listCategoryContacts", summary = "Members of a category, paged, with search")
    @APIResponse(responseCode = "200", description = "A page of contacts")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    public PageResponse<MemberResponse> members(@PathParam("id") UUID id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("q") String q) {
        return service.members(id, PageRequest.of(page, size), q).map(MemberResponse::of);
    }

    @POST
    @Path("/{id}/contacts")
    @Operation(operationId = "addCategoryContacts", summary = "Add contacts to a category")
    @APIResponse(responseCode = "200", description = "Counts")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    public BulkContactsResponse add(@PathParam("id") UUID id, CategoryMembersRequest req) {
        return service.members(id, req == null || req.ids() == null ? List.of() : req.ids(), true);
    }

    @DELETE
    @Path("/{id}/contacts")
    @Operation(operationId = "removeCategoryContacts", summary = "Remove contacts from a category (the contacts are kept)")
    @APIResponse(responseCode = "200", description = "Counts")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    public BulkContactsResponse remove(@PathParam("id") UUID id, CategoryMembersRequest req) {
        return service.members(id, req == null || req.ids() == null ? List.of() : req.ids(), false);
    }

    @GET
    @Path("/{id}/candidates")
    @Operation(operationId = "listCategoryCandidates", summary = "Contacts not in this category (for the add dialog)")
    @APIResponse(responseCode = "200", description = "A page of contacts")
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    public PageResponse<MemberResponse> candidates(@PathParam("id") UUID id, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size, @QueryParam("q") String q) {
        return service.candidates(id, PageRequest.of(page, size), q).map(MemberResponse::of);
    }

    @GET
    @Path("/{id}/export.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportCategoryContactsCsv", summary = "The category's contacts as CSV (same columns as /api/contacts/export.csv)")
    @APIResponse(responseCode = "200", description = "CSV, UTF-8 with BOM")
    @APIResponse(responseCode = "400", description = "Invalid separator", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response exportCsv(@PathParam("id") UUID id, @QueryParam("separator") String separator) {
        service.get(id);
        app.relais.contacts.ContactExport.Plan plan = export.plan(new app.relais.contacts.ContactService.ListFilter(
                null, id, null, null, null, null), separator);
        return app.relais.contacts.ContactResource.csv(export, plan, "categorie-" + id + ".csv");
    }

    /** A contact as listed in a category. */
    @Schema(name = "CategoryMember", example = "{\"id\":\"6f1c…\",\"phone\":\"+33639988566\",\"firstName\":\"Zoé\",\"lastName\":\"Durand\"}")
    public record MemberResponse(UUID id, String phone, String firstName, String lastName, boolean optedOut) {
        static MemberResponse of(app.relais.contacts.Contact c) {
            return new MemberResponse(c.id, c.phoneE164, c.firstName, c.lastName, c.optedOut);
        }
    }
}
