using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Contracts.Intents;
using Portal.Contracts.Wire;

namespace Portal.Server.Data;

internal sealed class IntentEntityTypeConfiguration : IEntityTypeConfiguration<IntentEntity>
{
    public void Configure(EntityTypeBuilder<IntentEntity> builder)
    {
        builder.ToTable("Intents");
        builder.HasKey(i => i.Id);
        // Host names compare case-insensitively everywhere else; the reconciler reads a host's active intents often.
        builder.Property(i => i.Host).HasMaxLength(63).UseCollation("NOCASE").IsRequired();
        builder.Property(i => i.Kind).HasMaxLength(16).IsRequired();
        builder.Property(i => i.SpecJson).IsRequired();
        // Stored as its wire string ("pending", "applied", ...), as before the enum: no migration, old rows read the same.
        builder.Property(i => i.Status).HasConversion(s => WireName.Of(s), s => WireName.Parse<IntentStatus>(s)).HasMaxLength(16).IsRequired();
        builder.Property(i => i.User).HasMaxLength(256);
        builder.HasIndex(i => new { i.Host, i.Removed });
    }
}
