namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// A field of a PATCH body: absent (leave as is) or present with a value, which may be null (clear it), as JSON
/// merge patch (RFC 7396) reads a body.
/// </summary>
public readonly record struct PatchField<T>(bool IsPresent, T Value)
{
    /// <summary>Not in the body.</summary>
    public static PatchField<T> Absent => default;

    /// <summary>In the body with <paramref name="value"/>.</summary>
    public static PatchField<T> Set(T value) => new(true, value);
}
