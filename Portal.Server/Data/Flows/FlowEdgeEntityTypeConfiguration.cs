using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Flows;

internal sealed class FlowEdgeEntityTypeConfiguration : IEntityTypeConfiguration<FlowEdgeEntity>
{
    public void Configure(EntityTypeBuilder<FlowEdgeEntity> builder)
    {
        builder.ToTable("FlowEdges");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Host).HasMaxLength(63).UseCollation("NOCASE").IsRequired();
        builder.Property(f => f.From).HasMaxLength(FlowLimits.EndLength).IsRequired();
        builder.Property(f => f.To).HasMaxLength(FlowLimits.EndLength).IsRequired();
        builder.Property(f => f.Proto).HasMaxLength(8).IsRequired();
        builder.Property(f => f.Network).HasMaxLength(FlowLimits.NetworkLength).IsRequired();
        builder.HasIndex(f => new { f.Host, f.From, f.To, f.Port, f.Proto, f.Network }).IsUnique();
        builder.HasIndex(f => new { f.Host, f.LastSeen });
        builder.HasIndex(f => f.LastSeen);
    }
}
