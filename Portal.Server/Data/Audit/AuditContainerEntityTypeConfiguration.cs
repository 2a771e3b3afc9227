using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditContainerEntityTypeConfiguration : IEntityTypeConfiguration<AuditContainerEntity>
{
    public void Configure(EntityTypeBuilder<AuditContainerEntity> builder)
    {
        builder.ToTable("AuditContainers");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.Name).IsUnique();
    }
}
