-- 1,000,000 contacts (70 % French mobiles, 30 % Benin 01…), 20 categories of ~50,000–80,000 members plus a
-- small "Bench VIP" one, 3 % opted out, WhatsApp statuses 80/15/5 %. Idempotent: skips when already loaded.
\set ON_ERROR_STOP 1
SELECT count(*) >= 1000000 AS loaded FROM contacts \gset
\if :loaded
\echo contacts already loaded
\else
BEGIN;
DROP INDEX IF EXISTS contacts_search_trgm_idx;
DROP INDEX IF EXISTS contacts_last_name_idx;
-- Memberships copy their contact's search and creation time (V13): given here in bulk instead of one trigger
-- lookup per row, indexes built once at the end. The member-count triggers stay on.
DROP INDEX IF EXISTS category_contacts_search_idx;
DROP INDEX IF EXISTS category_contacts_newest_idx;
ALTER TABLE category_contacts DISABLE TRIGGER category_contacts_search;
INSERT INTO contacts (phone_e164, country_code, first_name, last_name, attributes, whatsapp_status, opted_out,
                      opted_out_at, opt_out_source, sandbox_joined_at, last_inbound_at, created_at, updated_at)
SELECT CASE WHEN i % 10 < 7 THEN '+33' || (6 + i % 2) || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0')
            ELSE '+22901' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0') END,
       CASE WHEN i % 10 < 7 THEN 'FR' ELSE 'BJ' END,
       (ARRAY['Zoé','Lucas','Emma','Hugo','Léa','Louis','Chloé','Gabriel','Manon','Jules','Camille','Arthur',
              'Sarah','Nathan','Inès','Adam','Jade','Raphaël','Louise','Paul','Koffi','Aïcha','Mensah','Fatou',
              'Moussa','Awa','Kossi','Aminata','Ibrahim','Mariam','Yao','Akossiwa','Sènan','Codjo','Afiavi',
              'Romaric','Edwige','Ghislain','Prudence','Fiacre'])[1 + (i * 31) % 40],
       (ARRAY['Martin','Bernard','Dubois','Thomas','Robert','Richard','Petit','Durand','Leroy','Moreau','Simon',
              'Laurent','Lefebvre','Michel','Garcia','David','Bertrand','Roux','Vincent','Fournier','Morel',
              'Girard','Andre','Lefevre','Mercier','Dupont','Lambert','Bonnet','Francois','Martinez','Hounkpatin',
              'Agbodjan','Adjovi','Dossou','Houngbo','Akplogan','Zinsou','Gbaguidi','Kiki','Sossa','Ahouansou',
              'Tossou','Houessou','Amoussou','Hounsou','Azonhiho','Djossou','Dansou','Agossou','Kpadonou'])[1 + (i * 17) % 50]
         || CASE WHEN i % 7 = 0 THEN '-' || (i % 997) ELSE '' END,
       jsonb_build_object('ville', (ARRAY['Lyon','Paris','Cotonou','Porto-Novo','Marseille','Parakou'])[1 + i % 6]),
       CASE WHEN i % 20 < 16 THEN 'unknown' WHEN i % 20 < 19 THEN 'ok' ELSE 'not_on_whatsapp' END,
       i % 33 = 0,
       CASE WHEN i % 33 = 0 THEN now() - make_interval(secs => i) END,
       CASE WHEN i % 33 = 0 THEN 'admin' END,
       CASE WHEN i % 4 = 0 THEN now() - make_interval(secs => i) END,
       CASE WHEN i % 9 = 0 THEN now() - make_interval(secs => i) END,
       now() - make_interval(secs => i),
       now() - make_interval(secs => i)
FROM generate_series(1, 1000000) i
ON CONFLICT (phone_e164) DO NOTHING;
INSERT INTO categories (name, colour)
SELECT 'Bench ' || g, '#336699' FROM generate_series(1, 20) g ON CONFLICT DO NOTHING;
INSERT INTO categories (name, colour) VALUES ('Bench VIP', '#993366'), ('Bench Old', '#669933') ON CONFLICT DO NOTHING;
WITH k AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM categories WHERE name ~ '^Bench [0-9]+$'),
     c AS (SELECT id, search, created_at, row_number() OVER (ORDER BY created_at DESC, id) AS i FROM contacts)
INSERT INTO category_contacts (category_id, contact_id, search, contact_created_at)
SELECT k.id, c.id, c.search, c.created_at FROM c JOIN k ON k.n = c.i % 20 OR (c.i % 10 < 3 AND k.n = (c.i * 7 + 3) % 20)
ON CONFLICT DO NOTHING;
INSERT INTO category_contacts (category_id, contact_id, search, contact_created_at)
SELECT (SELECT id FROM categories WHERE name = 'Bench VIP'), id, search, created_at FROM contacts
ORDER BY created_at DESC LIMIT 500
ON CONFLICT DO NOTHING;
-- The 500 oldest contacts: a small category whose members the newest-first order reaches last.
INSERT INTO category_contacts (category_id, contact_id, search, contact_created_at)
SELECT (SELECT id FROM categories WHERE name = 'Bench Old'), id, search, created_at FROM contacts
ORDER BY created_at ASC LIMIT 500
ON CONFLICT DO NOTHING;
CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (search gin_trgm_ops);
CREATE INDEX contacts_last_name_idx ON contacts (lower(last_name), id);
ALTER TABLE category_contacts ENABLE TRIGGER category_contacts_search;
CREATE INDEX category_contacts_search_idx ON category_contacts USING gin (category_id, search gin_trgm_ops);
CREATE INDEX category_contacts_newest_idx ON category_contacts (category_id, contact_created_at DESC, contact_id);
COMMIT;
\endif
VACUUM ANALYZE contacts;
VACUUM ANALYZE category_contacts;
VACUUM ANALYZE categories;
SELECT count(*) AS contacts FROM contacts;
