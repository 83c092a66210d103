package app.relais.contacts.imports;

import app.relais.common.api.PageRequest;
import app.relais.common.api.PageResponse;
import app.relais.common.api.Roles;
import app.relais.common.error.ApiException;
import app.relais.common.error.FieldError;
import app.relais.common.error.Problem;
import app.relais.common.i18n.Messages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** CSV import of contacts: preview, background jobs, progress and the per-row report. */
@Path("/api/contacts/import")
@Tag(name = "Contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SUPER_ADMIN })
public class ImportResource {

    @Inject
    ImportService service;

    @Inject
    JsonWebToken jwt;

    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "startImport", summary = "Import contacts from a CSV file, as a background job",
            description = "Multipart: file, and options (JSON ContactImportOptions) or the form fields mapping (JSON),"
                    + " defaultCountry, duplicates (merge|skip), targetCategoryId, dryRun. The whole file is checked"
                    + " before the job starts.")
    @APIResponse(responseCode = "202", description = "The job, queued; poll GET /api/contacts/import/{id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportService.JobResponse.class)))
    @APIResponse(responseCode = "400", description = "Missing file or invalid option", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown target category", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "File larger than relais.contacts.import.max-upload-size", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not a readable CSV (binary, broken quote, too many columns, no phone column)", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Response start(@RestForm("file") FileUpload file, @RestForm("options") String options,
            @RestForm("mapping") String mapping, @RestForm("defaultCountry") String defaultCountry,
            @RestForm("duplicates") String duplicates, @RestForm("targetCategoryId") String targetCategoryId,
            @RestForm("dryRun") String dryRun, @Context UriInfo uri) {
        ImportOptions o = options(options, mapping, defaultCountry, duplicates, targetCategoryId, dryRun);
        ImportService.Inspected in = inspect(file, o);
        UUID id = service.createJob(in, o, userId());
        service.start(id, in, o);
        return Response.accepted(service.job(id))
                .location(uri.getAbsolutePathBuilder().path(id.toString()).build()).build();
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "previewImport", summary = "Preview an import: encoding, separator, headers, suggested mapping, first 20 rows checked; writes nothing")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "400", description = "Missing file or invalid option", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "File too large", content = @Content(schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Not a readable CSV", content = @Content(schema = @Schema(implementation = Problem.class)))
    public ImportService.Preview preview(@RestForm("file") FileUpload file, @RestForm("options") String options,
            @RestForm("mapping") String mapping, @RestForm("defaultCountry") String defaultCountry,
            @RestForm("duplicates") String duplicates, @RestForm("targetCategoryId") String targetCategoryId,
            @RestForm("dryRun") String dryRun, @Context HttpHeaders headers) {
        ImportOptions o = options(options, mapping, defaultCountry, duplicates, targetCategoryId, dryRun);
        return service.preview(inspect(file, o), Messages.negotiate(headers.getAcceptableLanguages()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImport", summary = "Progress and counts of an import job")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "Unknown job", content = @Content(schema = @Schema(implementation = Problem.class)))
    public ImportService.JobResponse job(@PathParam("id") UUID id) {
        return service.job(id);
    }

    @GET
    @Operation(operationId = "listImports", summary = "Recent import jobs, newest first")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "Invalid paging", content = @Content(schema = @Schema(implementation = Problem.class)))
    public PageResponse<ImportService.JobResponse> jobs(@QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.jobs(PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}/errors.csv")
    @Produces("text/csv")
    @Operation(operationId = "downloadImportReport", summary = "The job's report as CSV (line, phone as written, status, reason in French); formula-safe")
    @APIResponse(responseCode = "200", description = "CSV, ; separated, UTF-8 with BOM")
    @APIResponse(responseCode = "404", description = "Unknown job", content = @Content(schema = @Schema(implementation = Problem.class)))
    public Response errors(@PathParam("id") UUID id) {
        service.job(id);
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            service.writeErrorsCsv(id, w);
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-rapport.csv\"").build();
    }

    private ImportService.Inspected inspect(FileUpload file, ImportOptions o) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalidField("file", "required", null);
        }
        return service.inspect(file.uploadedFile(), file.fileName(), file.size(), o);
    }

    private UUID userId() {
        try {
            return jwt == null || jwt.getSubject() == null ? null : UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ImportOptions options(String options, String mapping, String defaultCountry, String duplicates,
            String targetCategoryId, String dryRun) {
        ImportOptions base = new ImportOptions(null, null, null, null, null);
        try {
            if (options != null && !options.isBlank()) {
                base = mapper.readValue(options, ImportOptions.class);
            }
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("options", "invalid_value", null);
        }
        Map<String, String> map = base.mapping();
        if (mapping != null && !mapping.isBlank()) {
            try {
                map = mapper.readValue(mapping, new TypeReference<Map<String, String>>() {
                });
            } catch (JsonProcessingException e) {
                throw ApiException.invalidField("mapping", "invalid_value", null);
            }
        }
        UUID target = base.targetCategoryId();
        if (targetCategoryId != null && !targetCategoryId.isBlank()) {
            try {
                target = UUID.fromString(targetCategoryId.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid(List.of(new FieldError("targetCategoryId", "invalid_value", null)));
            }
        }
        Boolean dry = base.dryRun();
        if (dryRun != null && !dryRun.isBlank()) {
            String d = dryRun.strip().toLowerCase(Locale.ROOT);
            if (!List.of("true", "false", "1", "0", "on", "off").contains(d)) {
                throw ApiException.invalidField("dryRun", "invalid_value", null);
            }
            dry = List.of("true", "1", "on").contains(d);
        }
        return new ImportOptions(map,
                defaultCountry != null && !defaultCountry.isBlank() ? defaultCountry : base.defaultCountry(),
                duplicates != null && !duplicates.isBlank() ? duplicates : base.duplicates(), target, dry);
    }
}
