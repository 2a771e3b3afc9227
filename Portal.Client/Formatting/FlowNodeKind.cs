namespace Portal.Client.Formatting;

public enum FlowNodeKind
{
    Container,
    Host,
    Outside,
}
