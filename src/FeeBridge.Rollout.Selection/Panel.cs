namespace FeeBridge.Rollout.Selection;

/// <summary>A set of pool members (indices into <see cref="TrackPool.Members"/>), kept sorted so equal sets are equal panels.</summary>
public sealed class Panel : IEquatable<Panel>, IComparable<Panel>
{
    private readonly int[] _members;

    /// <summary>The panel of <paramref name="members"/> (any order, no repeats).</summary>
    public Panel(IEnumerable<int> members) => _members = [.. members.Distinct().Order()];

    /// <summary>The members, ascending.</summary>
    public IReadOnlyList<int> Members => _members;

    /// <summary>True when <paramref name="member"/> is on the panel.</summary>
    public bool Contains(int member) => Array.BinarySearch(_members, member) >= 0;

    /// <inheritdoc/>
    public bool Equals(Panel? other) => other is not null && _members.AsSpan().SequenceEqual(other._members);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Panel);
    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var m in _members) h.Add(m);
        return h.ToHashCode();
    }

    /// <summary>Lexicographic by members: the order panels are listed in.</summary>
    public int CompareTo(Panel? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Min(_members.Length, other._members.Length); i++)
            if (_members[i] != other._members[i]) return _members[i].CompareTo(other._members[i]);
        return _members.Length.CompareTo(other._members.Length);
    }

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(",", _members) + "}";
}
