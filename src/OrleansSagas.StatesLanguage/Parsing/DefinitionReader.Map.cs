using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Model;
using OrleansSagas.StatesLanguage.Validation;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Reading a Map state (inline and distributed, with the older Iterator/Parameters names).</summary>
internal sealed partial class DefinitionReader
{
    private StateNode ReadMap(JsonObject obj, string path, StateNode common, QueryLanguage language)
    {
        var hasProcessor = obj.TryGetPropertyValue("ItemProcessor", out var processorNode);
        var hasIterator = obj.TryGetPropertyValue("Iterator", out var iteratorNode);
        StatesBlock? processor = null;
        if (hasProcessor && hasIterator)
        {
            _problems.Add(path, "A Map state may have only one of \"ItemProcessor\" and \"Iterator\".");
        }
        else if (!hasProcessor && !hasIterator)
        {
            _problems.Add(path, "A Map state must have an \"ItemProcessor\" (or the older \"Iterator\").");
        }

        var (blockNode, blockName) = hasProcessor ? (processorNode, "ItemProcessor") : (iteratorNode, "Iterator");
        var blockPath = ProblemCollector.Child(path, blockName);
        if (hasProcessor || hasIterator)
        {
            if (blockNode is not JsonObject blockObj)
            {
                _problems.Add(blockPath, $"'{blockName}' must be an object with StartAt and States.");
            }
            else
            {
                CheckProcessorConfig(blockObj, blockPath);
                processor = ReadBlock(blockObj, blockPath, language);
            }
        }

        RequireAtMostOne(obj, path, "Parameters", "ItemSelector");
        RequireAtMostOne(obj, path, "MaxConcurrency", "MaxConcurrencyPath");
        RequireAtMostOne(obj, path, "ToleratedFailureCount", "ToleratedFailureCountPath");
        RequireAtMostOne(obj, path, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        RequireAtMostOne(obj, path, "Items", "ItemsPath");
        var hasSelector = obj.TryGetPropertyValue("ItemSelector", out var selector) | obj.TryGetPropertyValue("Parameters", out var legacy);
        selector ??= legacy;
        if (language == QueryLanguage.Jsonata)
        {
            CheckJsonataValues(selector, ProblemCollector.Child(path, "ItemSelector"));
        }
        else
        {
            CheckTemplate(selector, ProblemCollector.Child(path, obj.ContainsKey("ItemSelector") ? "ItemSelector" : "Parameters"));
        }

        CheckNestedExclusive(obj, "ItemReader", path, "ReaderConfig", ("MaxItems", "MaxItemsPath"));
        CheckNestedExclusive(obj, "ItemBatcher", path, null, ("MaxItemsPerBatch", "MaxItemsPerBatchPath"), ("MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath"));
        foreach (var field in new[] { "ItemReader", "ResultWriter", "ItemBatcher" })
        {
            if (obj.TryGetPropertyValue(field, out var value) && value is not JsonObject)
            {
                _problems.Add(ProblemCollector.Child(path, field), $"'{field}' must be an object.");
            }
        }

        return common with
        {
            ItemProcessor = processor,
            ItemsPath = OptionalPath(obj, "ItemsPath", path, PathKind.Any, nullable: false).Text,
            ItemSelector = selector,
            HasItemSelector = hasSelector,
            MaxConcurrency = OptionalInt(obj, "MaxConcurrency", path, min: 0),
            MaxConcurrencyPath = OptionalPath(obj, "MaxConcurrencyPath", path, PathKind.Any, nullable: false).Text,
            ToleratedFailureCount = OptionalInt(obj, "ToleratedFailureCount", path, min: 0),
            ToleratedFailureCountPath = OptionalPath(obj, "ToleratedFailureCountPath", path, PathKind.Any, nullable: false).Text,
            ToleratedFailurePercentage = OptionalNumber(obj, "ToleratedFailurePercentage", path, min: 0, max: 100),
            ToleratedFailurePercentagePath = OptionalPath(obj, "ToleratedFailurePercentagePath", path, PathKind.Any, nullable: false).Text,
            Label = OptionalString(obj, "Label", path),
        };
    }

    private void CheckProcessorConfig(JsonObject block, string path)
    {
        if (!block.TryGetPropertyValue("ProcessorConfig", out var node))
        {
            return;
        }

        var configPath = ProblemCollector.Child(path, "ProcessorConfig");
        if (node is not JsonObject config)
        {
            _problems.Add(configPath, "'ProcessorConfig' must be an object.");
            return;
        }

        if (config["Mode"] is { } mode && (mode.GetValueKind() != JsonValueKind.String || (string?)mode is not ("INLINE" or "DISTRIBUTED")))
        {
            _problems.Add(ProblemCollector.Child(configPath, "Mode"), "Mode must be \"INLINE\" or \"DISTRIBUTED\".");
        }

        if (config["ExecutionType"] is { } type && (type.GetValueKind() != JsonValueKind.String || (string?)type is not ("STANDARD" or "EXPRESS")))
        {
            _problems.Add(ProblemCollector.Child(configPath, "ExecutionType"), "ExecutionType must be \"STANDARD\" or \"EXPRESS\".");
        }
    }

    private void CheckNestedExclusive(JsonObject obj, string field, string path, string? inner, params (string A, string B)[] pairs)
    {
        if (obj[field] is not JsonObject container)
        {
            return;
        }

        var containerPath = ProblemCollector.Child(path, field);
        if (inner is not null)
        {
            if (container[inner] is not JsonObject innerObj)
            {
                return;
            }

            container = innerObj;
            containerPath = ProblemCollector.Child(containerPath, inner);
        }

        foreach (var (a, b) in pairs)
        {
            if (container.ContainsKey(a) && container.ContainsKey(b))
            {
                _problems.Add(containerPath, $"Only one of \"{a}\" and \"{b}\" may be given.");
            }
        }
    }
}
