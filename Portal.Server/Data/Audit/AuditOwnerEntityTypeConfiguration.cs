using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Server.Data.Audit;

internal sealed class AuditOwnerEntityTypeConfiguration : IEntityTypeConfiguration<AuditOwnerEntity>
{
    public void Configure(EntityTypeBuilder<AuditOwnerEntity> builder)
    {
        builder.ToTable("AuditOwners");
        builder.HasKey(o => o.Id);
        builder.HasIndex(o => o.Json).IsUnique();
    }
}
