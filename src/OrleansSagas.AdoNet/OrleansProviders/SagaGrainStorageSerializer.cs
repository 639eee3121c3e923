using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansSagas.AdoNet.OrleansProviders;

/// <summary>
/// The grain-state serializer of the OrleansSagas grain storage: Orleans' binary serializer (the generated codecs of the
/// state types, version-tolerant) behind a two-byte header, instead of Orleans' default Newtonsoft JSON with type names.
/// A saga's state holds JSON text (its snapshot, its outbox events); as JSON it was escaped inside JSON and wrapped in type
/// metadata, about twice the bytes and most of the CPU of a write. States written before (JSON, which never starts with a
/// zero byte) are still read with the fallback serializer and rewritten in the binary form on the grain's next write.
/// </summary>
internal sealed class SagaGrainStorageSerializer(Serializer serializer, IGrainStorageSerializer? fallback) : IGrainStorageSerializer
{
    private const byte Marker = 0x00;
    private const byte FormatVersion = 0x01;

    public BinaryData Serialize<T>(T? input)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        buffer.Write([Marker, FormatVersion]);
        serializer.Serialize(input, buffer);
        return new BinaryData(buffer.WrittenMemory);
    }

    public T Deserialize<T>(BinaryData input)
    {
        var memory = input.ToMemory();
        if (memory.Length >= 2 && memory.Span[0] == Marker)
        {
            if (memory.Span[1] != FormatVersion)
                throw new NotSupportedException($"Grain state format {memory.Span[1]} is newer than this version of OrleansSagas understands.");
            return serializer.Deserialize<T>(memory[2..])!;
        }
        return fallback is not null
            ? fallback.Deserialize<T>(input)!
            : throw new NotSupportedException("The grain state is not in the binary form and no fallback serializer is registered.");
    }
}
