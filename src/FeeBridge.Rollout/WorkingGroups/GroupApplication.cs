using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>
/// One municipality's application for one seat of a track (CONTRACTS.md §7): who applies, in which role, for which
/// kind of library, sent by whom (the project leader's staff user) and when. The <see cref="Id"/> is opaque and the
/// only thing the published lottery list shows of an applicant.
/// </summary>
public sealed record GroupApplication(
    string Id,
    string GroupId,
    string Track,
    Kommunekode Municipality,
    string Name,
    EmailAddress Email,
    RoleId Role,
    LibraryType LibraryType,
    DateTimeOffset SubmittedAt,
    string SubmittedBy);

/// <summary>An application as the project leader sends it: <c>{"track","name","email","role","libraryType"}</c>.</summary>
public sealed record ApplicationDraft(string? Track, string? Name, string? Email, string? Role, string? LibraryType);
