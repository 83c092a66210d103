package app.relais.contacts;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/contacts")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
public class ContactResource {

    @Inject
    ContactService service;

    @Inject
    ContactExport export;

    @Inject
    NumberCheck numberCheck;

    @Inject
    HttpHeaders headers;

    @POST
    @Operation(summary = "Create a contact (number parsed to E.164)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ContactResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid number (field phone)", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "contact-duplicate, with existingContactId", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid CreateContactRequest req, @Context UriInfo uri) {
        if (req == null) {
            throw app.relais.common.error.ApiException.invalidField("phone", "invalid_phone", "empty");
        }
        Contact c = service.create(req);
        return Response.created(uri.getAbsolutePathBuilder().path(c.id.toString()).build())
                .entity(ContactResponse.of(c, service.categoriesOf(c.id))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One contact with its categories")
    @APIResponse(responseCode = "200", description = "The contact")
    @APIResponse(responseCode = "404", description = "Unknown contact", content = @Content(schema = @Schema(implementation = Problem.class)))
    public ContactResponse get(@PathParam("id") UUID id) {
        return ContactResponse.of(service.get(id), service.categoriesOf(id));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Update some fields of a contact")
    @APIResponse(responseCode = "200", description = "The updated contact")
    @APIResponse(responseCode = "400", description = "Invalid field", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown contact", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "contact-duplicate", content = @Content(schema = @Schema(implementation = Problem.class)))
    public ContactResponse update(@PathParam("id") UUID id, @Valid UpdateContactRequest req) {
        Contact c = service.update(id, req == null ? new UpdateContactRequest(null, null, null, null, null, null, null, null) : req);
        return ContactResponse.of(c, service.categoriesOf(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a contact")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown contact", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "List contacts: paging, search on names and digits, filters",
            description = "total is exact when totalExact is true; otherwise approximate: the planner's estimate"
                    + " (more than 2,000 matches expected), 1000 (counted up to 1,000), or the rows the page proves"
                    + " (count out of time). hasMore says whether a next page exists. Pages start at most at row 10,000.")
    @APIResponse(responseCode = "200", description = "A page of contacts")
    @APIResponse(responseCode = "400", description = "Invalid paging, sort or filter", content = @Content(schema = @Schema(implementation = Problem.class)))
    public PageResponse<ContactResponse> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
            @Parameter(schema = @Schema(enumeration = { "createdAt", "-createdAt", "lastName", "-lastName" })) @QueryParam("sort") String sort,
            @QueryParam("q") String q, @QueryParam("categoryId") UUID categoryId,
            @Parameter(schema = @Schema(enumeration = { "unknown", "ok", "not_on_whatsapp" })) @QueryParam("whatsappStatus") String whatsappStatus, @QueryParam("optedOut") Boolean optedOut,
            @QueryParam("sandboxJoined") Boolean sandboxJoined, @QueryParam("hasReplied") Boolean hasReplied) {
        PageResponse<Contact> contacts = service.list(new ContactService.ListFilter(q, categoryId, whatsappStatus, optedOut,
                sandboxJoined, hasReplied), PageRequest.of(page, size), sort);
        Map<UUID, List<ContactResponse.CategoryRef>> categories = service.categoriesOf(
                contacts.items().stream().map(c -> c.id).toList());
        return contacts.map(c -> ContactResponse.of(c, categories.get(c.id)));
    }

    @POST
    @Path("/number-check")
    @Operation(operationId = "checkContactNumber", summary = "What the server would store for a number as typed: E.164, a repaired former-plan number and why, or the reason it is refused",
            description = "The same parsing as creating, updating and importing a contact; nothing is written."
                    + " existingContactId names the contact that already has the number.")
    @APIResponse(responseCode = "200", description = "The verdict (valid or not)", content = @Content(schema = @Schema(implementation = NumberCheckResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public NumberCheckResponse checkNumber(@Valid NumberCheckRequest req) {
        return numberCheck.check(req == null ? new NumberCheckRequest(null, null) : req, locale());
    }

    private Locale locale() {
        return Messages.negotiate(headers.getAcceptableLanguages());
    }

    @POST
    @Path("/bulk")
    @Operation(operationId = "bulkUpdateContacts", summary = "Bulk action on selected contacts (ids) or on every contact matching a filter:"
            + " add_to_category, remove_from_category, delete, opt_out")
    @APIResponse(responseCode = "200", description = "Counts: requested (ids given or contacts matching the filter), affected")
    @APIResponse(responseCode = "400", description = "Unknown action, missing category, or not exactly one of ids and filter", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown category", content = @Content(schema = @Schema(implementation = Problem.class)))
    public BulkContactsResponse bulk(BulkContactsRequest req) {
        return service.bulk(req == null ? new BulkContactsRequest(null, null, null) : req);
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportContactsCsv", summary = "Every contact matching the list filters as CSV (streamed, UTF-8 with BOM, ';' by default)",
            description = "Columns phone_e164, country, first_name, last_name, categories (names separated by |),"
                    + " opted_out, whatsapp_status, then one column per custom attribute key. Cells that could start"
                    + " a spreadsheet formula (= + - @ tab CR) are prefixed with '.")
    @APIResponse(responseCode = "200", description = "CSV, UTF-8 with BOM")
    @APIResponse(responseCode = "400", description = "Invalid filter or separator", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response exportCsv(@QueryParam("q") String q, @QueryParam("categoryId") UUID categoryId,
            @QueryParam("whatsappStatus") String whatsappStatus, @QueryParam("optedOut") Boolean optedOut,
            @QueryParam("sandboxJoined") Boolean sandboxJoined, @QueryParam("hasReplied") Boolean hasReplied,
            @Parameter(description = "semicolon (default, Excel in French) or comma") @QueryParam("separator") String separator) {
        ContactExport.Plan plan = export.plan(new ContactService.ListFilter(q, categoryId, whatsappStatus, optedOut,
                sandboxJoined, hasReplied), separator);
        return csv(export, plan, "contacts.csv");
    }

    /** A streamed CSV answer of {@code plan}, shared with the category export. */
    public static Response csv(ContactExport export, ContactExport.Plan plan, String filename) {
        StreamingOutput body = out -> export.write(plan,
                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024));
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }

    @GET
    @Path("/import-template.csv")
    @Produces("text/csv")
    @Operation(operationId = "downloadImportTemplate", summary = "A CSV template for the import: header and two example rows (';', UTF-8 with BOM)")
    @APIResponse(responseCode = "200", description = "CSV, UTF-8 with BOM")
    public Response importTemplate() {
        return Response.ok(ContactExport.template(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"modele-import-contacts.csv\"").build();
    }
}
