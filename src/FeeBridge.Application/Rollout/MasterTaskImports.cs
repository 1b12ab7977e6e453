using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout.Klik;
using FeeBridge.Rollout.Projects;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Application.Rollout;

/// <summary>One document of an import, read (with the version it became when saved) or refused with the reason.</summary>
public sealed record ImportedDocument(string Name, MasterTaskDraft? Draft, KlikImportResult.Refused? Refused, MasterTaskImport? Saved);

/// <summary>
/// Imports KLIK master-task documents into a project (CONTRACTS.md §6): every document is read first, and only when
/// all of them are KLIK tasks of the project is anything saved — a batch with one bad document changes nothing. The
/// project's earlier tasks lend their titles and ids to OCR repair. Saving the same text again changes nothing; a
/// changed text is a new version every municipality's copy follows.
/// </summary>
public sealed class MasterTaskImports(FeeBridgeStore store, TimeProvider clock)
{
    public static ProjectCatalog Projects => ProjectCatalog.Shipped;

    /// <returns>Null when the project is not known.</returns>
    public async Task<IReadOnlyList<ImportedDocument>?> ImportAsync(string projectId, IReadOnlyList<(string Name, KlikDocument Document)> documents,
        bool dryRun, string importedBy, CancellationToken ct)
    {
        if (Projects.Find(projectId) is not { } project) return null;
        var earlier = (await store.Rollout.MasterTasks.NewestAsync(projectId, ct))
            .Select(m => int.TryParse(m.Fields.MasterTaskId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new EarlierTask(id, m.Fields.Title) : null)
            .OfType<EarlierTask>().ToList();
        var read = documents.Select(d => KlikImporter.Parse(d.Document, project, earlier) switch
        {
            KlikImportResult.Parsed p => new ImportedDocument(d.Name, p.Draft, null, null),
            KlikImportResult.Refused r => new ImportedDocument(d.Name, null, r, null),
            _ => throw new InvalidOperationException(),
        }).ToList();
        if (dryRun || read.Any(d => d.Refused is not null)) return read;

        var actor = new TaskActor(importedBy, clock.GetUtcNow());
        var saved = new List<ImportedDocument>();
        foreach (var d in read)
        {
            var outcome = await store.Rollout.MasterTasks.ImportAsync(projectId, d.Draft!, actor, ct);
            saved.Add(outcome.IsAccepted ? d with { Saved = outcome.Value }
                : d with { Refused = new KlikImportResult.Refused(KlikRefusalReason.NotAKlikTask, string.Join(" ", outcome.Refusals.Select(r => r.Reason))) });
        }
        return saved;
    }

    /// <summary>Sandbox mode: the seed's KLIK documents, imported at start as KOMBIT would (importing again changes nothing).</summary>
    public async Task SeedAsync(IReadOnlyList<SeedDocument> documents, CancellationToken ct)
    {
        foreach (var project in documents.GroupBy(d => d.Project))
            await ImportAsync(project.Key, [.. project.Select(d => (d.Name, new KlikDocument(d.MediaType, d.Content)))], dryRun: false, "sandbox-seed", ct);
    }
}
