using FeeBridge.Application.Rollout;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Klik;
using FeeBridge.Server.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// KOMBIT's import of master-task documents (<c>/staff/rollout/import</c>): upload, a preview with the importer's
/// warnings (<see cref="MasterTaskImports.ImportAsync"/> with dryRun), then save. The preview carries the documents
/// back in the page (base64), so saving imports exactly what was previewed and nothing is kept on the server between.
/// </summary>
[RequestSizeLimit(Limit)]
[RequestFormLimits(MultipartBodyLengthLimit = Limit, ValueLengthLimit = (int)Limit, ValueCountLimit = 4 * ImportDocuments.MaxDocuments + 10)]
public sealed class ImportModel(MasterTaskImports imports, StaffAudit audit) : RolloutPageModel
{
    // Base64 makes the saved documents a third larger than the upload they came from.
    private const long Limit = ImportDocuments.MaxBodyBytes * 4 / 3 + 64 * 1024;

    /// <summary>One previewed document: what it is called, its type and its bytes (for saving), and what the importer read.</summary>
    public sealed record Document(string Name, string MediaType, string Content, ImportedDocument Read);

    [BindProperty] public string? Projekt { get; set; }
    [BindProperty] public List<string> Names { get; set; } = [];
    [BindProperty] public List<string> MediaTypes { get; set; } = [];
    [BindProperty] public List<string> Contents { get; set; } = [];

    public IReadOnlyList<Document> Preview { get; private set; } = [];
    public IReadOnlyList<ImportedDocument> Saved { get; private set; } = [];
    public string? Problem { get; private set; }

    public IActionResult OnGet() => Allowed() ?? Page();

    /// <summary>The upload: read every file, import as a dry run, show what would be saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(List<IFormFile> filer, CancellationToken ct)
    {
        if (Allowed() is { } denied) return denied;
        if (filer.Count == 0) return Unprocessable("Vælg mindst én fil.");
        if (filer.Count > ImportDocuments.MaxDocuments) return Unprocessable($"Højst {ImportDocuments.MaxDocuments} filer ad gangen.");
        if (filer.Sum(f => f.Length) > ImportDocuments.MaxBodyBytes) return Unprocessable($"Filerne må højst fylde {ImportDocuments.MaxBodyBytes / (1024 * 1024)} MB i alt.");
        var documents = new List<(string Name, KlikDocument Document)>();
        foreach (var file in filer)
        {
            using var m = new MemoryStream();
            await file.CopyToAsync(m, ct);
            documents.Add((Path.GetFileName(file.FileName is { Length: > 0 } n ? n : file.Name), new KlikDocument(MediaTypeOf(file), m.ToArray())));
        }
        return await RunAsync(documents, dryRun: true, ct);
    }

    /// <summary>Saving what the preview showed.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (Allowed() is { } denied) return denied;
        if (Names.Count == 0 || Names.Count != MediaTypes.Count || Names.Count != Contents.Count) return Unprocessable("Forhåndsvisningen mangler sine filer. Upload dem igen.");
        var documents = new List<(string Name, KlikDocument Document)>();
        for (var i = 0; i < Names.Count; i++)
        {
            var bytes = new byte[Contents[i].Length];
            if (!Convert.TryFromBase64String(Contents[i], bytes, out var length)) return Unprocessable("Forhåndsvisningens filer kunne ikke læses. Upload dem igen.");
            documents.Add((Names[i], new KlikDocument(MediaTypes[i], bytes[..length])));
        }
        return await RunAsync(documents, dryRun: false, ct);
    }

    private async Task<IActionResult> RunAsync(List<(string Name, KlikDocument Document)> documents, bool dryRun, CancellationToken ct)
    {
        var project = MasterTaskImports.Projects.Find(Projekt ?? "") is { } p ? p.Id : null;
        if (project is null) return Unprocessable("Vælg et projekt.");
        var result = (await imports.ImportAsync(project, documents, dryRun, StaffMember.UserName, ct))!;
        if (dryRun || result.Any(d => d.Refused is not null))
        {
            Preview = [.. result.Select((d, i) => new Document(documents[i].Name, documents[i].Document.MediaType, Convert.ToBase64String(documents[i].Document.Content.Span), d))];
            if (result.Any(d => d.Refused is not null))
            {
                Problem = "Mindst én fil er ikke en KLIK-opgave i projektet. Intet er gemt; fjern filen, og prøv igen.";
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
            return Page();
        }
        foreach (var d in result.Where(d => d.Saved is { Kind: not MasterTaskImportKind.Unchanged }))
            await audit.RecordAsync(StaffMember, "rollout.master-task.imported", $"rollout/{project}/{d.Saved!.Master.MasterKey}", null,
                $"version {d.Saved.Master.Fields.Version}; {d.Saved.CopiesWritten} copies", ct);
        Saved = result;
        return Page();
    }

    private IActionResult? Allowed() => StaffMember.MayImportMasterTasks ? null
        : Refuse(StatusCodes.Status403Forbidden, "Kun KOMBIT og administratorer importerer masteropgaver.");

    private IActionResult Unprocessable(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    // Browsers send what the operating system guesses; a .txt or .html without a type is still what its name says.
    private static string MediaTypeOf(IFormFile file)
    {
        var type = file.ContentType;
        if (!string.IsNullOrEmpty(type) && type != "application/octet-stream") return type;
        return Path.GetExtension(file.FileName).ToUpperInvariant() switch
        {
            ".PDF" => "application/pdf",
            ".HTM" or ".HTML" => "text/html",
            _ => "text/plain",
        };
    }

    public static string Kind(MasterTaskImportKind kind) => kind switch
    {
        MasterTaskImportKind.Created => "Ny opgave",
        MasterTaskImportKind.NewVersion => "Ny version",
        _ => "Uændret",
    };
}
