"""The initial competency dictionary: the eight managerial competencies and the socio-cultural one.

Source: Peraturan Menteri PANRB Nomor 38 Tahun 2017 tentang Standar Kompetensi Jabatan Aparatur
Sipil Negara (PermenPANRB 38/2017), Lampiran: kamus kompetensi manajerial dan sosial kultural,
levels 1–5 (as summarised in shared/domain/KOMPETENSI.md); levels 1–3 of the managerial ones
also follow Panduan Langsa §D. The wording below is a short Indonesian statement of each level's
meaning, not the regulation's text: BPSDM replaces it with the official wording (and the three
behavioural indicators per level) through the dictionary's edit page.

Plain data (no Django): the data migration 0002 and the tests read it.
"""
from __future__ import annotations

# (kode, jenis, nama, definisi, (level 1, level 2, level 3, level 4, level 5))
KAMUS: tuple[tuple[str, str, str, str, tuple[str, str, str, str, str]], ...] = (
    (
        "integritas", "manajerial", "Integritas",
        "Konsisten berperilaku selaras dengan nilai, norma dan etika organisasi, jujur kepada atasan, rekan, "
        "bawahan dan pemangku kepentingan, serta bertanggung jawab atas tindakan dan keputusannya.",
        (
            "Bertindak sesuai nilai, norma dan etika organisasi dalam kapasitas pribadi.",
            "Mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma dan etika organisasi.",
            "Memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, "
            "norma dan etika organisasi.",
            "Menciptakan situasi kerja yang mendorong kepatuhan pada nilai, norma dan etika organisasi.",
            "Menjadi teladan keadilan dan etika di tingkat nasional.",
        ),
    ),
    (
        "kerjasama", "manajerial", "Kerjasama",
        "Menjalin dan membina hubungan kerja yang efektif, berkomitmen saling membantu menyelesaikan tugas, "
        "serta mengoptimalkan sumber daya untuk mencapai tujuan organisasi.",
        (
            "Berpartisipasi sebagai anggota kelompok kerja.",
            "Menumbuhkan tim kerja yang partisipatif dan efektif.",
            "Efektif membangun tim kerja untuk meningkatkan kinerja organisasi.",
            "Membangun komitmen dan sinergi tim.",
            "Menciptakan kerja sama secara konsisten di dalam maupun di luar instansi.",
        ),
    ),
    (
        "komunikasi", "manajerial", "Komunikasi",
        "Menerangkan pandangan dan gagasan secara jelas, sistematis dan logis, lisan maupun tertulis; "
        "memastikan pemahaman, mendengarkan secara aktif, dan meyakinkan orang lain demi tujuan organisasi.",
        (
            "Menyampaikan informasi dengan jelas, lengkap, dan dipahami bersama.",
            "Aktif berkomunikasi secara formal maupun informal; mendengarkan; menyiapkan bahan presentasi, "
            "pidato dan laporan.",
            "Berkomunikasi secara asertif; menyampaikan informasi yang sensitif atau kompleks secara lisan "
            "dan tertulis.",
            "Menguraikan pemikiran multidimensi untuk mencapai kesepakatan yang meningkatkan kinerja "
            "secara keseluruhan.",
            "Menggagas sistem komunikasi yang terbuka dan strategis untuk menemukan solusi.",
        ),
    ),
    (
        "orientasi-hasil", "manajerial", "Orientasi pada Hasil",
        "Berkomitmen tinggi menyelesaikan tugas, dapat diandalkan dan bertanggung jawab, serta mengenali "
        "risiko dan peluang dengan mengaitkan perencanaan dan hasil demi keberhasilan organisasi.",
        (
            "Bertanggung jawab memenuhi standar kerja.",
            "Meningkatkan hasil kerja pribadi melebihi standar; mencoba metode alternatif.",
            "Menetapkan target kinerja yang menantang bagi unit kerja; memberi apresiasi dan teguran untuk "
            "mendorong kinerja.",
            "Mendorong unit kerja mencapai atau melampaui target yang ditetapkan.",
            "Meningkatkan mutu pencapaian kerja organisasi.",
        ),
    ),
    (
        "pelayanan-publik", "manajerial", "Pelayanan Publik",
        "Melaksanakan tugas pemerintahan, pembangunan dan pelayanan publik secara profesional, transparan, "
        "sesuai standar pelayanan yang objektif, netral, tidak memihak dan tidak diskriminatif.",
        (
            "Bekerja sesuai standar pelayanan.",
            "Mengawasi dan menjelaskan pelaksanaan tugas pemerintahan/pelayanan publik secara transparan.",
            "Memanfaatkan kekuatan kelompok dan memperbaiki standar pelayanan unit kerja.",
            "Memantau, mengevaluasi dan mengantisipasi isu jangka panjang serta kekuatan politik dalam "
            "melayani pemangku kepentingan.",
            "Menjamin kebijakan pelayanan publik yang objektif, netral dan tidak diskriminatif.",
        ),
    ),
    (
        "pengembangan-diri", "manajerial", "Pengembangan Diri dan Orang Lain",
        "Meningkatkan pengetahuan dan keterampilan diri, serta menginspirasi, membimbing dan memberi umpan "
        "balik kepada orang lain agar mengembangkan potensinya.",
        (
            "Mengembangkan diri sendiri.",
            "Mengembangkan kemampuan bawahan melalui contoh dan penjelasan.",
            "Memberikan umpan balik dan membimbing.",
            "Merancang program pengembangan jangka panjang; mendorong manajemen pembelajaran.",
            "Menciptakan situasi yang membuat organisasi terus belajar untuk mencapai hasilnya.",
        ),
    ),
    (
        "mengelola-perubahan", "manajerial", "Mengelola Perubahan",
        "Menyesuaikan diri dengan situasi baru, tidak bergantung berlebihan pada cara lama, mendukung dan "
        "memimpin prakarsa perubahan serta memastikan perubahan berhasil diterapkan.",
        (
            "Mengikuti perubahan dengan arahan.",
            "Proaktif beradaptasi terhadap perubahan.",
            "Membantu orang lain mengikuti perubahan dan mengantisipasinya.",
            "Memimpin perubahan di unit kerja.",
            "Memimpin dan menggerakkan pemangku kepentingan untuk perubahan yang berkelanjutan di tingkat "
            "instansi/nasional.",
        ),
    ),
    (
        "pengambilan-keputusan", "manajerial", "Pengambilan Keputusan",
        "Membuat keputusan yang tepat waktu dan bertanggung jawab, dengan mempertimbangkan informasi, "
        "alternatif pemecahan masalah dan konsekuensinya secara cermat.",
        (
            "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
            "Menganalisis masalah secara mendalam.",
            "Membandingkan berbagai alternatif dan menimbang risiko pelaksanaannya.",
            "Menyelesaikan masalah berisiko tinggi, mengantisipasi dampak dan memitigasi risiko.",
            "Memutuskan masalah jangka panjang/strategis yang berdampak nasional.",
        ),
    ),
    (
        "perekat-bangsa", "sosial_kultural", "Perekat Bangsa",
        "Mempromosikan toleransi, keterbukaan dan kepekaan terhadap perbedaan; menjadi perpanjangan tangan "
        "pemerintah dalam mempersatukan masyarakat yang majemuk dan menjaga persatuan dan kesatuan bangsa.",
        (
            "Peka memahami dan menerima keberagaman.",
            "Aktif mengembangkan sikap saling menghargai dan menekankan persatuan.",
            "Mempromosikan toleransi dan persatuan.",
            "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk kepentingan organisasi.",
            "Mewakili pemerintah dalam membangun hubungan sosial psikologis dengan masyarakat.",
        ),
    ),
)
