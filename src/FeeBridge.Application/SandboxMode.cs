using FeeBridge.Domain.Routing;

namespace FeeBridge.Application;

/// <summary>
/// What sandbox mode lends FeeBridge: the seed (municipalities, agencies, the library system's key) and the stand-ins'
/// client credentials, all served by the stand-ins in the same process at the paths below. Only the sandbox host
/// (src/FeeBridge.SandboxHost) gives one; the deployable server has none, so it cannot become a sandbox.
/// </summary>
public sealed record SandboxMode(
    IReadOnlyList<MunicipalityRules> Municipalities,
    IReadOnlyList<AgencySettings> Agencies,
    string LibraryApiKey,
    SandboxClient MitId,
    SandboxClient Fbs,
    SandboxClient? Staff = null,
    IReadOnlyList<SeedDocument>? MasterTasks = null,
    IReadOnlyList<FeeBridge.Rollout.WorkingGroups.WorkingGroupDraft>? WorkingGroups = null)
{
    /// <summary>Moves the seeded working groups' deadline (a date or date-time as the API takes it), e.g. for a demo or a test.</summary>
    public const string WorkingGroupDeadlineSetting = "FeeBridge:Sandbox:WorkingGroupDeadline";

    public const string DebtorSystemPath = "/sandbox/debtor/sf1590";
    /// <summary>Where the FBS stand-in serves FBS's <c>/rest/</c> (CONTRACTS.md §4).</summary>
    public const string FbsPath = "/sandbox/fbs/rest/";
    public const string MitIdPath = "/sandbox/mitid";
    /// <summary>The staff identity stand-in's issuer (CONTRACTS.md §5).</summary>
    public const string StaffPath = "/sandbox/staff";
}

/// <summary>How FeeBridge identifies itself to a stand-in (the client the stand-in knows).</summary>
public sealed record SandboxClient(string Id, string Secret);

/// <summary>A KLIK master-task document sandbox mode imports at start, as it arrived (PDF text, export, OCR).</summary>
public sealed record SeedDocument(string Project, string Name, string MediaType, byte[] Content);
