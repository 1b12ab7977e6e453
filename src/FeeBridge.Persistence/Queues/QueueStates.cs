namespace FeeBridge.Persistence.Queues;

/// <summary>An outbox row (a handling for the debtor system): waiting or being retried, acknowledged, or refused with a code.</summary>
public enum OutboxState { Pending, Done, Rejected }

/// <summary>A debtor system's report in the inbox: waiting to be applied, applied to its claim, or refused (<c>Afvist</c>) with the reason.</summary>
public enum InboxState { Pending, Applied, Refused }

/// <summary>
/// A notice for the library side: waiting or being retried, delivered, waiting for a person (<c>attention</c>: FBS
/// cannot take it, or it is for staff), or withdrawn (its webhook was removed).
/// </summary>
public enum NoticeState { Pending, Delivered, Attention, Withdrawn }

/// <summary>
/// The states as stored and shown (<c>pending</c>, <c>done</c>, …): the enum's name in lower case. The SQL text names
/// them the same way, and the partial indexes of <see cref="Schema.Migrations"/> are on <c>state = 'pending'</c>.
/// </summary>
public static class QueueStates
{
    public static string Name(OutboxState s) => Lower(s);
    public static string Name(InboxState s) => Lower(s);
    public static string Name(NoticeState s) => Lower(s);

    /// <summary>Parses a stored or requested name; only the exact lower-case names count.</summary>
    public static bool TryParse<T>(string? text, out T state) where T : struct, Enum
    {
        state = default;
        return text is not null && Enum.TryParse(text, ignoreCase: true, out state) && Enum.IsDefined(state) && Lower(state) == text;
    }

    /// <summary>Whether a stored name is that state (the check a page or query result makes, without a string literal).</summary>
    public static bool Is<T>(string? stored, T state) where T : struct, Enum =>
        TryParse(stored, out T parsed) && EqualityComparer<T>.Default.Equals(parsed, state);

    /// <summary>The names, for an error message that lists what is allowed.</summary>
    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Lower));

    private static string Lower<T>(T s) where T : struct, Enum => s.ToString().ToLowerInvariant();
}
