using System.Diagnostics.CodeAnalysis;

namespace FeeBridge.Rollout;

/// <summary>
/// The answer of a rollout rule: either the accepted <see cref="Value"/> or the <see cref="Refusals"/> that say why
/// not. Rules never throw for bad input; they refuse with every reason they found, so a form can show them all.
/// </summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, IReadOnlyList<Refusal> refusals)
    {
        Value = value;
        Refusals = refusals;
    }

    /// <summary>The accepted value; null exactly when refused.</summary>
    public T? Value { get; }

    /// <summary>Empty when accepted; otherwise at least one reason.</summary>
    public IReadOnlyList<Refusal> Refusals { get; }

    /// <summary>True when the rule accepted.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsAccepted => Refusals.Count == 0;

    /// <summary>Accepted with <paramref name="value"/>.</summary>
    public static Outcome<T> Accept(T value) => new(value, []);

    /// <summary>Refused; at least one reason is required.</summary>
    public static Outcome<T> Refuse(IReadOnlyList<Refusal> refusals) =>
        refusals.Count == 0 ? throw new ArgumentException("A refusal needs a reason.", nameof(refusals)) : new(default, refusals);

    /// <summary>Refused for one reason.</summary>
    public static Outcome<T> Refuse(string field, string reason) => new(default, [new Refusal(field, reason)]);

    /// <summary>The value, or the reasons joined, for tests and logs.</summary>
    public override string ToString() =>
        IsAccepted ? $"Accepted: {Value}" : "Refused: " + string.Join("; ", Refusals.Select(r => $"{r.Field}: {r.Reason}"));
}
