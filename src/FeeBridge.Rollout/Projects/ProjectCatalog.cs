using System.Text.Json;

namespace FeeBridge.Rollout.Projects;

/// <summary>
/// The rollout projects FeeBridge knows (<see cref="Shipped"/>: <c>fbs-debitorintegration</c> and <c>fbs2</c>, from the
/// <c>projects.json</c> inside this assembly), looked up by id or by the project name a KLIK document carries.
/// </summary>
public sealed class ProjectCatalog
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private ProjectCatalog(IReadOnlyList<RolloutProject> projects) => Projects = projects;

    public IReadOnlyList<RolloutProject> Projects { get; }

    /// <summary>The projects shipped with FeeBridge.</summary>
    public static ProjectCatalog Shipped { get; } = Parse(ShippedJson());

    /// <summary>The project with this id (CONTRACTS.md §6 <c>{project}</c>), or null.</summary>
    public RolloutProject? Find(string id) => Projects.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The project a document's "Projekt" line names (case and spacing ignored), or null.</summary>
    public RolloutProject? FindByDocumentName(string name) =>
        Projects.FirstOrDefault(p => p.DocumentNames.Append(p.Name).Any(n => Wording.SameText(n, name)));

    /// <summary>Reads a catalog in <c>projects.json</c>'s form; a catalog that breaks its own rules is refused.</summary>
    public static ProjectCatalog Parse(string json)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(json, Options)
            ?? throw new FormatException("The project catalog is empty.");
        var projects = file.Projects ?? [];
        foreach (var p in projects)
        {
            if (string.IsNullOrWhiteSpace(p.Id) || string.IsNullOrWhiteSpace(p.Name))
                throw new FormatException("Every project needs an id and a name.");
            if (p.Priorities.GroupBy(l => l.Level).Any(g => g.Count() > 1))
                throw new FormatException($"Project {p.Id}: a priority level appears twice.");
            if (p.Roles.GroupBy(r => r.Id, StringComparer.Ordinal).Any(g => g.Count() > 1))
                throw new FormatException($"Project {p.Id}: a role id appears twice.");
        }
        if (projects.GroupBy(p => p.Id, StringComparer.Ordinal).Any(g => g.Count() > 1))
            throw new FormatException("A project id appears twice.");
        return new ProjectCatalog(projects);
    }

    private static string ShippedJson()
    {
        using var stream = typeof(ProjectCatalog).Assembly.GetManifestResourceStream("FeeBridge.Rollout.projects.json")
            ?? throw new InvalidOperationException("The project catalog is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record CatalogFile(IReadOnlyList<RolloutProject>? Projects);
}
