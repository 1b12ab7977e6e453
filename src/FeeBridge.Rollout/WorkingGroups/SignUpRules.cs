using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.WorkingGroups;

/// <summary>Why a sign-up was not taken: a field or role problem (422) or a clash with the rules of the group (409).</summary>
public enum SignUpRefusalKind
{
    /// <summary>Something in the application is wrong or missing, or the applicant lacks the role (422).</summary>
    Invalid,
    /// <summary>The group's rules forbid it now: after the deadline, or a seat already applied for (409).</summary>
    Conflict,
}

/// <summary>The answer to an application: the application to store, or the kind of refusal and its reasons.</summary>
public sealed record SignUpDecision(GroupApplication? Application, SignUpRefusalKind Kind, IReadOnlyList<Refusal> Refusals)
{
    /// <summary>True when the application may be stored.</summary>
    public bool IsAccepted => Application is not null;
}

/// <summary>
/// CONTRACTS.md §7 <c>POST /{id}/applications</c>: "a project leader for their own municipality; a second
/// application from the same municipality for the same track → 409; a role the applicant does not hold in the
/// municipality's organisation → 422; after the deadline → 409". And when the group says one person, one track
/// (<see cref="WorkingGroup.OnePersonOneTrack"/>), the same person cannot apply for a second track (409): the tracks
/// are then drawn independently of each other, so a person in two pools could otherwise win two seats.
/// </summary>
public static class SignUpRules
{
    /// <summary>Decides on <paramref name="draft"/> from <paramref name="municipality"/>, given the gallery and every application so far.</summary>
    public static SignUpDecision Decide(
        WorkingGroup group,
        ApplicationDraft draft,
        Kommunekode municipality,
        MunicipalOrganisation gallery,
        IReadOnlyList<GroupApplication> existing,
        string applicationId,
        string submittedBy,
        DateTimeOffset now)
    {
        if (group.IsClosedAt(now))
            return Conflict("deadline", $"Tilmeldingen lukkede {DanishDeadline.Text(group.Deadline)}; der tages ikke imod flere ansøgninger.");

        var refusals = new List<Refusal>();
        var track = group.Track(draft.Track ?? "");
        if (track is null) refusals.Add(new("track", $"Gruppen har ikke sporet '{draft.Track}'; mulige: {string.Join(", ", group.Tracks.Select(t => t.Id))}."));
        var name = draft.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) refusals.Add(new("name", "Navnet mangler (højst 200 tegn)."));
        if (!EmailAddress.TryParse(draft.Email, out var email, out var emailError)) refusals.Add(new("email", emailError!));
        var role = Roles.Find(draft.Role);
        if (role is null) refusals.Add(new("role", $"'{draft.Role}' er ikke en rolle i rollegalleriet."));
        var libraryType = SelectionFeatures.FindLibraryType(draft.LibraryType);
        if (libraryType is null) refusals.Add(new("libraryType", "Bibliotekstypen skal være folkebibliotek eller skolebibliotek."));
        if (refusals.Count > 0) return Invalid(refusals);

        if (existing.FirstOrDefault(a => a.Track == track!.Id && a.Municipality == municipality) is { } same)
            return Conflict("track", $"Kommunen har allerede søgt en plads i sporet '{track!.Title}' ({same.Name}); der er højst én deltager pr. kommune pr. spor.");
        if (group.OnePersonOneTrack && existing.FirstOrDefault(a => a.Track != track!.Id && a.Email == email) is { } other)
            return Conflict("email", $"{email.Value} har allerede søgt i sporet '{group.Track(other.Track)?.Title ?? other.Track}'; i denne gruppe kan en person kun have plads i ét spor.");

        if (!track!.Roles.Contains(role!.Role))
            return Invalid([new("role", $"Sporet '{track.Title}' er for {string.Join(" eller ", track.Roles.Select(r => Roles.Of(r).Title.ToLowerInvariant()))}, ikke {role.Title.ToLowerInvariant()}.")]);
        if (!gallery.Holds(email, role.Role))
            return Invalid([new("role", $"{email.Value} står ikke som {role.Title.ToLowerInvariant()} i kommunens rollegalleri; tilføj personen i rollen under Organisation først.")]);

        return new SignUpDecision(
            new GroupApplication(applicationId, group.Id, track.Id, municipality, name, email, role.Role, libraryType!.Value, now, submittedBy),
            SignUpRefusalKind.Invalid, []);
    }

    private static SignUpDecision Conflict(string field, string reason) => new(null, SignUpRefusalKind.Conflict, [new(field, reason)]);
    private static SignUpDecision Invalid(IReadOnlyList<Refusal> refusals) => new(null, SignUpRefusalKind.Invalid, refusals);
}
