using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data;

internal sealed class HostStateEntityTypeConfiguration : IEntityTypeConfiguration<HostStateEntity>
{
    public void Configure(EntityTypeBuilder<HostStateEntity> builder)
    {
        builder.ToTable("HostStates");
        builder.HasKey(s => s.HostId);
        builder.Property(s => s.SnapshotJson).IsRequired();
    }
}
