using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Claims;
using FeeBridge.Server.Staff;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// Files attached to a task (a signed decision, a screenshot of the configuration): upload one at a time as
/// <c>multipart/form-data</c>, list them, download one by its SHA-256. What may be attached is decided by
/// <see cref="AttachmentInspector"/> from the bytes, never the name or the browser's claim, so an EXE renamed .pdf is
/// refused. A download is always a download (<c>Content-Disposition: attachment</c>, <c>nosniff</c>), never shown
/// inline, so an uploaded file cannot run as a page of FeeBridge.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The multipart framing around one file of <see cref="AttachmentPolicy.Default"/>'s size.</summary>
    public const long FramingBytes = 64 * 1024;

    /// <summary>The most an upload of one file may send: the file at its limit and its framing.</summary>
    public const long MaxUploadBytes = AttachmentPolicy.DefaultMaxBytes + FramingBytes;

    public sealed record AttachmentJson(string Name, string ContentType, long Size, string Sha256, string AttachedAt, string AttachedBy);

    public static void MapTaskAttachments(this RouteGroupBuilder rollout)
    {
        rollout.MapPost("/municipalities/{kommunekode}/tasks/{taskId}/attachments", Upload)
            .Produces<AttachmentJson>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("multipart/form-data with one file: PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or UTF-8 text, at most 20 MB.");
        rollout.MapGet("/municipalities/{kommunekode}/tasks/{taskId}/attachments", List)
            .Produces<IReadOnlyList<AttachmentJson>>()
            .WithSummary("The files attached to the task now, in the order attached.");
        rollout.MapGet("/municipalities/{kommunekode}/tasks/{taskId}/attachments/{sha256}", Download)
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One attached file, as a download.");
    }

    private static async Task<IResult> Upload(HttpContext http, string kommunekode, string taskId, FeeBridgeStore store, StaffAudit audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: true, out var code) is { } denied) return denied;
        if (await store.Rollout.Tasks.FindAsync(code, taskId, ct) is not { } task) return MunicipalityScope.NoTask();

        var (file, problem) = await ReadOneFileAsync(http.Request, AttachmentPolicy.Default, ct);
        if (problem is not null) return problem;
        var attached = await TaskAttachments.AttachAsync(store, audit, MunicipalityScope.User(http), task, file!.Name, file.ContentType, file.Content,
            clock.GetUtcNow(), ct);
        if (attached.Conflict is { } conflict) return Problems.Result(StatusCodes.Status409Conflict, "The task changed meanwhile", conflict);
        if (!attached.Succeeded) return Refused(attached.Refusals);
        return Results.Created($"{http.Request.PathBase}{http.Request.Path}/{attached.Stored!.File.Sha256}", Json(attached.Stored));
    }

    private static async Task<IResult> List(HttpContext http, string kommunekode, string taskId, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        if (await store.Rollout.Tasks.FindAsync(code, taskId, ct) is null) return MunicipalityScope.NoTask();
        var files = await store.Rollout.Tasks.AttachmentsAsync(code, taskId, ct);
        return Results.Ok(files.Where(f => f.Current).Select(Json).ToList());
    }

    private static async Task<IResult> Download(HttpContext http, string kommunekode, string taskId, string sha256, FeeBridgeStore store, CancellationToken ct)
    {
        if (MunicipalityScope.Denied(http, kommunekode, change: false, out var code) is { } denied) return denied;
        var file = sha256.Length == 64 && sha256.All(char.IsAsciiHexDigit)
            ? (await store.Rollout.Tasks.AttachmentsAsync(code, taskId, ct)).LastOrDefault(f => f.Current && string.Equals(f.File.Sha256, sha256, StringComparison.OrdinalIgnoreCase))
            : null;
        var bytes = file is null ? null : await store.Rollout.Tasks.AttachmentContentAsync(code, taskId, file.File.Sha256, ct);
        if (file is null || bytes is null)
            return Problems.Result(StatusCodes.Status404NotFound, "No such file", "The task has no attached file with this SHA-256.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // Even a PDF is a download: whatever the file holds never runs in FeeBridge's origin.
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        return Results.File(bytes, file.File.ContentType, file.File.Name);
    }

    private sealed record UploadedFile(string? Name, string? ContentType, byte[] Content);

    /// <summary>
    /// Exactly one file from a multipart body, read up to one byte past the policy's limit (so the inspector can say
    /// "too large" with the size); a body far larger than that is refused before it is read.
    /// </summary>
    private static async Task<(UploadedFile? File, IResult? Problem)> ReadOneFileAsync(HttpRequest request, AttachmentPolicy policy, CancellationToken ct)
    {
        var limit = policy.MaxBytes + FramingBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } max) max.MaxRequestBodySize = limit;
        if (request.ContentLength > limit) return (null, TooLarge(policy));
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the file as multipart/form-data."));
        try
        {
            var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }, ct);
            if (form.Files.Count != 1) return (null, Refused([new Refusal("file", form.Files.Count == 0 ? "Formularen indeholder ingen fil." : "Vedhæft én fil ad gangen.")]));
            var file = form.Files[0];
            await using var s = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer, ct);
            return (new UploadedFile(file.FileName, file.ContentType, buffer.ToArray()), null);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return (null, e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || e is InvalidDataException && request.ContentLength > limit
                ? TooLarge(policy)
                : Problems.Result(StatusCodes.Status400BadRequest, "Unreadable body", "The request body could not be read as multipart/form-data."));
        }
    }

    private static IResult Refused(IReadOnlyList<Refusal> refusals)
    {
        var errors = new FieldErrors();
        foreach (var r in refusals) errors.Add(r.Field, r.Reason);
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The file was not attached",
            detail: string.Join(" ", refusals.Select(r => r.Reason)), extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary() });
    }

    private static IResult TooLarge(AttachmentPolicy policy) => Problems.Result(StatusCodes.Status413PayloadTooLarge, "File too large",
        $"En fil må højst fylde {policy.MaxBytes / (1024 * 1024)} MB.");

    private static AttachmentJson Json(StoredAttachment s) =>
        new(s.File.Name, s.File.ContentType, s.File.Size, s.File.Sha256, ClaimResources.Time(s.AttachedAt), s.AttachedBy);
}
