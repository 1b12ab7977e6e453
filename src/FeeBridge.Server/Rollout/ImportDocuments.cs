using FeeBridge.Rollout.Klik;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// The body of a master-task import as documents (CONTRACTS.md §6): one KLIK document as <c>text/plain</c>,
/// <c>text/html</c> or <c>application/pdf</c>, or several as <c>multipart/form-data</c>. Read with hard limits — the
/// body, the number of parts — before anything is parsed; what the importer then refuses is its own business.
/// </summary>
public static class ImportDocuments
{
    /// <summary>A PDF may be 10 MB (the importer's own limit); a multipart body holds a few of them.</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;
    public const int MaxDocuments = 50;

    public sealed record Named(string Name, KlikDocument Document);

    /// <returns>The documents, or a problem saying what is wrong with the body (nothing is parsed then).</returns>
    public static async Task<(IReadOnlyList<Named>? Documents, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } media)
            return (null, Unsupported());
        try
        {
            if (media.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBodyBytes, ValueCountLimit = MaxDocuments }, request.HttpContext.RequestAborted);
                if (form.Files.Count == 0) return (null, Problems.Result(StatusCodes.Status422UnprocessableEntity, "No documents", "The form holds no files."));
                if (form.Files.Count > MaxDocuments) return (null, Problems.Result(StatusCodes.Status413PayloadTooLarge, "Too many documents", $"At most {MaxDocuments} documents per import."));
                var list = new List<Named>();
                foreach (var file in form.Files)
                {
                    await using var s = file.OpenReadStream();
                    list.Add(new Named(file.FileName is { Length: > 0 } n ? Path.GetFileName(n) : file.Name, new KlikDocument(file.ContentType ?? "application/octet-stream", await ReadAllAsync(s, request.HttpContext.RequestAborted))));
                }
                return (list, null);
            }
            var body = await ReadAllAsync(request.Body, request.HttpContext.RequestAborted);
            return ([new Named("body", new KlikDocument(request.ContentType!, body))], null);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return (null, e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? TooLarge()
                : Problems.Result(StatusCodes.Status400BadRequest, "Unreadable body", "The request body could not be read as the content type says."));
        }
    }

    private static async Task<byte[]> ReadAllAsync(Stream s, CancellationToken ct)
    {
        using var m = new MemoryStream();
        await s.CopyToAsync(m, ct);
        if (m.Length > MaxBodyBytes) throw new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge);
        return m.ToArray();
    }

    private static IResult TooLarge() =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "Request too large", $"An import may be at most {MaxBodyBytes / (1024 * 1024)} MB.");

    private static IResult Unsupported() => Problems.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
        "Send one KLIK document as text/plain, text/html or application/pdf, or several as multipart/form-data.");
}
