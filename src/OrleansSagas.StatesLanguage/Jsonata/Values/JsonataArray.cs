using System.Collections;

namespace OrleansSagas.StatesLanguage.Jsonata.Values;

/// <summary>
/// A JSONata array: either an array value (from JSON input or an array constructor) or a result sequence,
/// with the flags the language uses to decide when singletons are unwrapped. A range ([1..n]) stays a start and a
/// count until something changes it, so that counting or indexing a large range does not allocate every number.
/// </summary>
internal sealed class JsonataArray : IList<object?>, IReadOnlyList<object?>
{
    private List<object?>? _items;
    private double _rangeStart;
    private int _rangeCount;

    public JsonataArray() => _items = [];

    public JsonataArray(IEnumerable<object?> items) => _items = [.. items];

    public JsonataArray(int capacity) => _items = new List<object?>(capacity);

    private JsonataArray(double start, int count)
    {
        _rangeStart = start;
        _rangeCount = count;
    }

    /// <summary>A result sequence (as opposed to an array value): singletons are unwrapped, empties vanish.</summary>
    public bool IsSequence { get; set; }

    public bool KeepSingleton { get; set; }

    /// <summary>The whole input document was an array and was wrapped so that paths map over it.</summary>
    public bool OuterWrapper { get; set; }

    /// <summary>Items are <see cref="TupleBinding"/>s (paths that bind focus, index or parent variables).</summary>
    public bool TupleStream { get; set; }

    /// <summary>Built by an array constructor, so path steps keep it as one value instead of flattening.</summary>
    public bool Cons { get; set; }

    public int Count => _items?.Count ?? _rangeCount;

    public bool IsReadOnly => false;

    public object? this[int index]
    {
        get
        {
            if (_items is not null)
            {
                return _items[index];
            }

            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _rangeCount);
            return _rangeStart + index;
        }

        set => Items[index] = value;
    }

    private List<object?> Items
    {
        get
        {
            if (_items is null)
            {
                var items = new List<object?>(_rangeCount);
                for (var i = 0; i < _rangeCount; i++)
                {
                    items.Add(_rangeStart + i);
                }

                _items = items;
            }

            return _items;
        }
    }

    public static JsonataArray Sequence() => new() { IsSequence = true };

    public static JsonataArray Sequence(object? item)
    {
        var sequence = new JsonataArray { IsSequence = true };
        sequence.Add(item);
        return sequence;
    }

    /// <summary>The consecutive integers start, start + 1, … (count of them), as a sequence.</summary>
    public static JsonataArray Range(double start, int count) => new(start, count) { IsSequence = true };

    /// <summary>A plain array with the same items (a range stays a range).</summary>
    public JsonataArray CopyAsArray() => _items is null ? new JsonataArray(_rangeStart, _rangeCount) : new JsonataArray(_items);

    public void Add(object? item) => Items.Add(item);

    public void AddRange(IEnumerable<object?> items) => Items.AddRange(items);

    public void Reverse() => Items.Reverse();

    public void Insert(int index, object? item) => Items.Insert(index, item);

    public void RemoveAt(int index) => Items.RemoveAt(index);

    public bool Remove(object? item) => Items.Remove(item);

    public void Clear() => Items.Clear();

    public int IndexOf(object? item) => Items.IndexOf(item);

    public bool Contains(object? item) => Items.Contains(item);

    public void CopyTo(object?[] array, int arrayIndex)
    {
        if (_items is not null)
        {
            _items.CopyTo(array, arrayIndex);
            return;
        }

        for (var i = 0; i < _rangeCount; i++)
        {
            array[arrayIndex + i] = _rangeStart + i;
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<object?> IEnumerable<object?>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the items (numbers of a range are created as they are read).</summary>
    public struct Enumerator : IEnumerator<object?>
    {
        private readonly JsonataArray _array;
        private int _index;

        internal Enumerator(JsonataArray array)
        {
            _array = array;
            _index = -1;
        }

        public readonly object? Current => _array[_index];

        readonly object? IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _array.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
